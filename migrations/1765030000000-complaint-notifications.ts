import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen notifications about a complaint (on receipt, with its code, and when answered): the
 * complainant's consent on the complaint form (channels, language, when), and the templates,
 * which administrators edit like the applications' ones.
 */
export class ComplaintNotifications1765030000000 implements MigrationInterface {
  name = 'ComplaintNotifications1765030000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE complaints
        ADD COLUMN notify_channels text[] NOT NULL DEFAULT '{}' CHECK (notify_channels <@ ARRAY['email', 'whatsapp']::text[]),
        ADD COLUMN notify_locale text NOT NULL DEFAULT 'id' CHECK (notify_locale IN ('id', 'en')),
        ADD COLUMN notify_consented_at timestamptz`);
    for (const t of TEMPLATES)
      await q.query(
        `INSERT INTO notification_templates (event, channel, locale, subject, body, wa_template, wa_params)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [t.event, t.channel, t.locale, t.subject, t.body, t.waTemplate, t.waParams],
      );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM deliveries WHERE event IN ('complaint_received', 'complaint_answered')`);
    await q.query(`DELETE FROM notification_templates WHERE event IN ('complaint_received', 'complaint_answered')`);
    await q.query(`ALTER TABLE complaints DROP COLUMN notify_channels, DROP COLUMN notify_locale, DROP COLUMN notify_consented_at`);
  }
}

interface Template {
  event: 'complaint_received' | 'complaint_answered';
  channel: 'email' | 'whatsapp';
  locale: 'id' | 'en';
  subject: string;
  body: string;
  waTemplate: string | null;
  waParams: string[];
}

const TEMPLATES: Template[] = [
  {
    event: 'complaint_received',
    channel: 'email',
    locale: 'id',
    subject: 'Pengaduan Anda diterima ({{complaintCode}})',
    body: `Yth. {{name}},

Pengaduan Anda telah diterima oleh {{opdName}}.
Kode pengaduan: {{complaintCode}}
Jawaban paling lambat: {{dueDate}}

Lihat status dan jawabannya di {{complaintUrl}}.

Salam,
Layanan Terpadu Kota Malang`,
    waTemplate: null,
    waParams: [],
  },
  {
    event: 'complaint_received',
    channel: 'email',
    locale: 'en',
    subject: 'Your complaint was received ({{complaintCode}})',
    body: `Dear {{name}},

{{opdName}} has received your complaint.
Complaint code: {{complaintCode}}
Answer due by: {{dueDate}}

See its status and the answer at {{complaintUrl}}.

Layanan Terpadu Kota Malang`,
    waTemplate: null,
    waParams: [],
  },
  {
    event: 'complaint_answered',
    channel: 'email',
    locale: 'id',
    subject: 'Pengaduan {{complaintCode}} telah dijawab',
    body: `Yth. {{name}},

{{opdName}} telah menjawab pengaduan Anda ({{complaintCode}}).
Baca jawabannya di {{complaintUrl}}.

Salam,
Layanan Terpadu Kota Malang`,
    waTemplate: null,
    waParams: [],
  },
  {
    event: 'complaint_answered',
    channel: 'email',
    locale: 'en',
    subject: 'Your complaint {{complaintCode}} has been answered',
    body: `Dear {{name}},

{{opdName}} has answered your complaint ({{complaintCode}}).
Read the answer at {{complaintUrl}}.

Layanan Terpadu Kota Malang`,
    waTemplate: null,
    waParams: [],
  },
  ...(['id', 'en'] as const).flatMap((locale): Template[] => [
    {
      event: 'complaint_received',
      channel: 'whatsapp',
      locale,
      subject: '',
      body:
        locale === 'id'
          ? 'Pengaduan Anda ke {{opdName}} diterima. Kode: {{complaintCode}}. Dijawab paling lambat {{dueDate}}: {{complaintUrl}}'
          : 'Your complaint to {{opdName}} was received. Code: {{complaintCode}}. Answer due by {{dueDate}}: {{complaintUrl}}',
      waTemplate: 'pengaduan_diterima',
      waParams: ['{{name}}', '{{complaintCode}}', '{{dueDate}}', '{{complaintUrl}}'],
    },
    {
      event: 'complaint_answered',
      channel: 'whatsapp',
      locale,
      subject: '',
      body:
        locale === 'id'
          ? 'Pengaduan {{complaintCode}} telah dijawab oleh {{opdName}}: {{complaintUrl}}'
          : 'Complaint {{complaintCode}} has been answered by {{opdName}}: {{complaintUrl}}',
      waTemplate: 'pengaduan_dijawab',
      waParams: ['{{name}}', '{{complaintCode}}', '{{complaintUrl}}'],
    },
  ]),
];
