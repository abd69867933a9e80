import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications and integration: the relay's deliveries (one row per outbox row and target,
 * leased with next_attempt_at, dead after a configured number of attempts), the staff inbox,
 * citizen notification consent per case, notification templates as data, webhook
 * subscribers (integration partners) and their API keys.
 */
export class NotificationsIntegration1764817300000 implements MigrationInterface {
  name = 'NotificationsIntegration1764817300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscribers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        url text,
        event_types text[] NOT NULL DEFAULT '{}',
        opd_ids uuid[],
        active boolean NOT NULL DEFAULT true,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_until timestamptz,
        disabled_reason text,
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_subscribers_created_by_idx ON webhook_subscribers (created_by_id) WHERE created_by_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscriber_id uuid NOT NULL REFERENCES webhook_subscribers(id) ON DELETE CASCADE,
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        opd_id uuid NOT NULL REFERENCES opds(id),
        created_by_id uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX api_keys_subscriber_idx ON api_keys (subscriber_id)`);
    await q.query(`CREATE INDEX api_keys_opd_idx ON api_keys (opd_id)`);
    await q.query(`CREATE INDEX api_keys_created_by_idx ON api_keys (created_by_id) WHERE created_by_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        outbox_id bigint NOT NULL REFERENCES outbox(id),
        aggregate_id uuid,
        channel text NOT NULL CHECK (channel IN ('email', 'whatsapp', 'webhook')),
        target text NOT NULL,
        event text NOT NULL,
        subscriber_id uuid REFERENCES webhook_subscribers(id) ON DELETE CASCADE,
        message jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        last_status integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (outbox_id, target)
      )`);
    // The claim: due pending rows in order; the per-(target, case) order check; the admin list.
    await q.query(`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX deliveries_order_idx ON deliveries (target, aggregate_id, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX deliveries_status_idx ON deliveries (status, id DESC)`);
    await q.query(`CREATE INDEX deliveries_aggregate_idx ON deliveries (aggregate_id, id)`);
    await q.query(`CREATE INDEX deliveries_subscriber_idx ON deliveries (subscriber_id, id) WHERE subscriber_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE staff_notifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        outbox_id bigint,
        kind text NOT NULL,
        case_id uuid REFERENCES cases(id),
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (outbox_id, user_id, kind)
      )`);
    await q.query(`CREATE INDEX staff_notifications_user_idx ON staff_notifications (user_id, id DESC)`);
    await q.query(`CREATE INDEX staff_notifications_unread_idx ON staff_notifications (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX staff_notifications_case_idx ON staff_notifications (case_id) WHERE case_id IS NOT NULL`);
    // Personal-data reads by integration API keys (documents), like staff reads (UU 27/2022).
    await q.query(`
      CREATE TABLE integration_access_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        api_key_id uuid NOT NULL REFERENCES api_keys(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        action text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX integration_access_log_key_idx ON integration_access_log (api_key_id, created_at)`);
    await q.query(`CREATE INDEX integration_access_log_case_idx ON integration_access_log (case_id)`);
    await q.query(`
      CREATE TABLE case_notification_consents (
        case_id uuid PRIMARY KEY REFERENCES cases(id),
        channels text[] NOT NULL CHECK (channels <@ ARRAY['email', 'whatsapp']::text[]),
        locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
        source text NOT NULL CHECK (source IN ('portal', 'counter', 'api')),
        recorded_by_id uuid REFERENCES users(id),
        consented_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX case_notification_consents_recorded_by_idx ON case_notification_consents (recorded_by_id) WHERE recorded_by_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE notification_templates (
        event text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'whatsapp')),
        locale text NOT NULL CHECK (locale IN ('id', 'en')),
        subject text NOT NULL DEFAULT '',
        body text NOT NULL,
        wa_template text,
        wa_params text[] NOT NULL DEFAULT '{}',
        updated_by_id uuid REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event, channel, locale)
      )`);
    await q.query(
      `CREATE INDEX notification_templates_updated_by_idx ON notification_templates (updated_by_id) WHERE updated_by_id IS NOT NULL`,
    );
    for (const t of DEFAULT_TEMPLATES) {
      await q.query(
        `INSERT INTO notification_templates (event, channel, locale, subject, body, wa_template, wa_params) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [t.event, t.channel, t.locale, t.subject ?? '', t.body, t.waTemplate ?? null, t.waParams ?? []],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notification_templates',
      'case_notification_consents',
      'integration_access_log',
      'staff_notifications',
      'deliveries',
      'api_keys',
      'webhook_subscribers',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}

interface SeedTemplate {
  event: string;
  channel: 'email' | 'whatsapp';
  locale: 'id' | 'en';
  subject?: string;
  body: string;
  waTemplate?: string;
  waParams?: string[];
}

// The first texts; administrators edit them in the console. WhatsApp bodies mirror the
// templates the city registers with Meta (name and parameter order must match).
const DEFAULT_TEMPLATES: SeedTemplate[] = [
  {
    event: 'application_received',
    channel: 'email',
    locale: 'id',
    subject: 'Permohonan {{serviceName}} diterima ({{trackingCode}})',
    body: `Yth. {{name}},

Permohonan {{serviceName}} Anda telah kami terima di {{opdName}}.
Kode lacak: {{trackingCode}}
Perkiraan selesai: {{dueDate}}

Pantau status permohonan Anda di {{trackUrl}} dengan kode lacak dan 4 digit terakhir NIK atau nomor HP Anda.

Salam,
Layanan Terpadu Kota Malang`,
  },
  {
    event: 'application_received',
    channel: 'email',
    locale: 'en',
    subject: 'Application for {{serviceName}} received ({{trackingCode}})',
    body: `Dear {{name}},

{{opdName}} has received your application for {{serviceName}}.
Tracking code: {{trackingCode}}
Expected completion: {{dueDate}}

Follow its status at {{trackUrl}} with the tracking code and the last 4 digits of your NIK or phone number.

Layanan Terpadu Kota Malang`,
  },
  {
    event: 'returned',
    channel: 'email',
    locale: 'id',
    subject: 'Permohonan {{trackingCode}} perlu perbaikan',
    body: `Yth. {{name}},

Permohonan {{serviceName}} ({{trackingCode}}) dikembalikan untuk diperbaiki.
Catatan petugas: {{reason}}

Perbaiki berkas Anda dan ajukan kembali melalui {{trackUrl}}. Batas waktu layanan berhenti selama permohonan menunggu perbaikan dari Anda.

Salam,
Layanan Terpadu Kota Malang`,
  },
  {
    event: 'returned',
    channel: 'email',
    locale: 'en',
    subject: 'Application {{trackingCode}} needs correction',
    body: `Dear {{name}},

Your application for {{serviceName}} ({{trackingCode}}) was returned for correction.
Officer's note: {{reason}}

Correct your file and resubmit it at {{trackUrl}}. The service deadline is paused while the application waits for you.

Layanan Terpadu Kota Malang`,
  },
  {
    event: 'rejected',
    channel: 'email',
    locale: 'id',
    subject: 'Permohonan {{trackingCode}} ditolak',
    body: `Yth. {{name}},

Mohon maaf, permohonan {{serviceName}} ({{trackingCode}}) ditolak.
Alasan: {{reason}}

Rincian ada di {{trackUrl}}. Bila Anda keberatan, sampaikan pengaduan melalui kanal pengaduan layanan.

Salam,
Layanan Terpadu Kota Malang`,
  },
  {
    event: 'rejected',
    channel: 'email',
    locale: 'en',
    subject: 'Application {{trackingCode}} rejected',
    body: `Dear {{name}},

We are sorry: your application for {{serviceName}} ({{trackingCode}}) was rejected.
Reason: {{reason}}

Details are at {{trackUrl}}. If you disagree, please use the service's complaint channel.

Layanan Terpadu Kota Malang`,
  },
  {
    event: 'completed',
    channel: 'email',
    locale: 'id',
    subject: 'Permohonan {{trackingCode}} selesai',
    body: `Yth. {{name}},

Permohonan {{serviceName}} ({{trackingCode}}) telah selesai diproses oleh {{opdName}}.
Unduh atau lihat dokumen Anda di {{downloadUrl}}.

Salam,
Layanan Terpadu Kota Malang`,
  },
  {
    event: 'completed',
    channel: 'email',
    locale: 'en',
    subject: 'Application {{trackingCode}} completed',
    body: `Dear {{name}},

{{opdName}} has completed your application for {{serviceName}} ({{trackingCode}}).
Download or view your document at {{downloadUrl}}.

Layanan Terpadu Kota Malang`,
  },
  {
    event: 'survey',
    channel: 'email',
    locale: 'id',
    subject: 'Bagaimana layanan kami? ({{trackingCode}})',
    body: `Yth. {{name}},

Terima kasih telah menggunakan layanan {{serviceName}}. Mohon luangkan dua menit untuk mengisi survei kepuasan masyarakat: {{surveyUrl}}

Salam,
Layanan Terpadu Kota Malang`,
  },
  {
    event: 'survey',
    channel: 'email',
    locale: 'en',
    subject: 'How did we do? ({{trackingCode}})',
    body: `Dear {{name}},

Thank you for using {{serviceName}}. Please take two minutes for our satisfaction survey: {{surveyUrl}}

Layanan Terpadu Kota Malang`,
  },
  ...(['id', 'en'] as const).flatMap((locale): SeedTemplate[] => [
    {
      event: 'application_received',
      channel: 'whatsapp',
      locale,
      body:
        locale === 'id'
          ? 'Permohonan {{1}} Anda diterima. Kode lacak: {{2}}. Perkiraan selesai: {{3}}. Pantau di {{4}}'
          : 'Your application for {{1}} was received. Tracking code: {{2}}. Expected completion: {{3}}. Follow it at {{4}}',
      waTemplate: 'lt_permohonan_diterima',
      waParams: ['{{serviceName}}', '{{trackingCode}}', '{{dueDate}}', '{{trackUrl}}'],
    },
    {
      event: 'returned',
      channel: 'whatsapp',
      locale,
      body:
        locale === 'id'
          ? 'Permohonan {{1}} perlu perbaikan: {{2}}. Perbaiki dan ajukan kembali di {{3}}'
          : 'Application {{1}} needs correction: {{2}}. Correct and resubmit at {{3}}',
      waTemplate: 'lt_perlu_perbaikan',
      waParams: ['{{trackingCode}}', '{{reason}}', '{{trackUrl}}'],
    },
    {
      event: 'rejected',
      channel: 'whatsapp',
      locale,
      body:
        locale === 'id'
          ? 'Permohonan {{1}} ditolak. Alasan: {{2}}. Rincian: {{3}}'
          : 'Application {{1}} was rejected. Reason: {{2}}. Details: {{3}}',
      waTemplate: 'lt_permohonan_ditolak',
      waParams: ['{{trackingCode}}', '{{reason}}', '{{trackUrl}}'],
    },
    {
      event: 'completed',
      channel: 'whatsapp',
      locale,
      body:
        locale === 'id'
          ? 'Permohonan {{1}} selesai. Unduh dokumen Anda di {{2}}'
          : 'Application {{1}} is completed. Download your document at {{2}}',
      waTemplate: 'lt_permohonan_selesai',
      waParams: ['{{trackingCode}}', '{{downloadUrl}}'],
    },
    {
      event: 'survey',
      channel: 'whatsapp',
      locale,
      body: locale === 'id' ? 'Bagaimana layanan {{1}}? Isi survei kepuasan: {{2}}' : 'How was {{1}}? Take the satisfaction survey: {{2}}',
      waTemplate: 'lt_survei_kepuasan',
      waParams: ['{{serviceName}}', '{{surveyUrl}}'],
    },
  ]),
];
