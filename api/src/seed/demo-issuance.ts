import { EntityManager } from 'typeorm';
import { PiiCipher } from '../privacy/pii-cipher';

// Demo issuance setup: each OPD's kop surat and letter-number pattern, the heads as default
// signatories, and one document template per demo service. Addresses, telephone numbers,
// NIPs and the classification codes other than the two given in the issue are illustrative [GK].

interface DemoLetterhead {
  opd: string;
  lines: string[];
  address: string;
  contact: string;
  numberPattern: string;
}

export const DEMO_LETTERHEADS: DemoLetterhead[] = [
  {
    opd: 'dukcapil',
    lines: ['PEMERINTAH KOTA MALANG', 'DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL'],
    address: 'Perkantoran Terpadu Gedung A Lt. 2, Jl. Mayjen Sungkono, Kota Malang 65132',
    contact: 'Telp. (0341) 751550 · dispendukcapil@malangkota.go.id · dispendukcapil.malangkota.go.id',
    numberPattern: '400.12.2.3/{seq}/35.73.301/{year}',
  },
  {
    opd: 'kemenag',
    lines: ['KEMENTERIAN AGAMA REPUBLIK INDONESIA', 'KANTOR KEMENTERIAN AGAMA KOTA MALANG'],
    address: 'Jl. Raden Panji Suroso No. 2, Kota Malang 65126',
    contact: 'Telp. (0341) 491605 · kotamalang@kemenag.go.id · malangkota.kemenag.go.id',
    numberPattern: 'B-{seq}/Kk.13.23/PW.01/{mm}/{year}',
  },
  {
    opd: 'pmptsp',
    lines: ['PEMERINTAH KOTA MALANG', 'DINAS TENAGA KERJA, PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU'],
    address: 'Mal Pelayanan Publik, Jl. Merdeka Timur No. 1, Kota Malang 65119',
    contact: 'Telp. (0341) 403111 · dpmptsp@malangkota.go.id · dpmptsp.malangkota.go.id',
    numberPattern: '500.16.7/{seq}/35.73.112/{year}',
  },
  {
    opd: 'dinkes',
    lines: ['PEMERINTAH KOTA MALANG', 'DINAS KESEHATAN'],
    address: 'Jl. Simpang Laksda Adi Sucipto No. 45, Kota Malang 65124',
    contact: 'Telp. (0341) 406878 · dinkes@malangkota.go.id',
    numberPattern: '400.7/{seq}/35.73.103/{year}',
  },
  {
    opd: 'bapenda',
    lines: ['PEMERINTAH KOTA MALANG', 'BADAN PENDAPATAN DAERAH'],
    address: 'Perkantoran Terpadu Gedung B Lt. 1, Jl. Mayjen Sungkono, Kota Malang',
    contact: 'Telp. (0341) 751532 · bapenda@malangkota.go.id',
    numberPattern: '900.1.13/{seq}/35.73.406/{year}',
  },
  ...(
    [
      ['kec-blimbing', 'BLIMBING', '01'],
      ['kec-klojen', 'KLOJEN', '02'],
      ['kec-kedungkandang', 'KEDUNGKANDANG', '03'],
      ['kec-sukun', 'SUKUN', '04'],
      ['kec-lowokwaru', 'LOWOKWARU', '05'],
    ] as const
  ).map(([opd, name, code]) => ({
    opd,
    lines: ['PEMERINTAH KOTA MALANG', `KECAMATAN ${name}`],
    address: `Kantor Kecamatan ${name.charAt(0)}${name.slice(1).toLowerCase()}, Kota Malang`,
    contact: 'kecamatan@malangkota.go.id',
    numberPattern: `400.12/{seq}/35.73.${code}/{year}`,
  })),
];

/** The heads sign and are their OPD's default signatory (named on sealed documents). */
export const DEMO_SIGNATORIES: { username: string; nip: string; nik: string; position: string; rank: string; isDefault?: false }[] = [
  {
    username: 'kadis.dukcapil',
    nip: '197803152005012003',
    nik: '3573055503780002',
    position: 'Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Malang',
    rank: 'Pembina Utama Muda (IV/c)',
  },
  {
    username: 'kadis.kemenag',
    nip: '197106241998031001',
    nik: '3573022406710003',
    position: 'Kepala Kantor Kementerian Agama Kota Malang',
    rank: 'Pembina Tingkat I (IV/b)',
  },
  {
    username: 'kadis.pmptsp',
    nip: '197512102000121002',
    nik: '3573011012750004',
    position: 'Kepala Dinas Tenaga Kerja, Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Malang',
    rank: 'Pembina Utama Muda (IV/c)',
  },
  {
    username: 'kadis.dinkes',
    nip: '196909051996031004',
    nik: '3573040509690005',
    position: 'Kepala Dinas Kesehatan Kota Malang',
    rank: 'Pembina Utama Muda (IV/c)',
  },
  // A section head's own profile: used when they sign as Plh./Plt. Kepala Dinas (acting appointment).
  {
    username: 'kasi.dukcapil',
    nip: '198201142006041005',
    nik: '3573051401820006',
    position: 'Kepala Seksi Pelayanan Dokumen Kependudukan',
    rank: 'Penata Tingkat I (III/d)',
    isDefault: false,
  },
];

const OPENING = 'Yang bertanda tangan di bawah ini, {{signer.position}}, menerangkan bahwa:';
const APPLICANT = '| Nama | {{applicant.name}}\n| NIK | {{applicant.nik}}\n| Alamat | {{applicant.address}}';
const CLOSING = 'Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.';

/** One template per demo service code: title and body (paragraphs, `| label | value` tables, {{placeholders}}). */
export const DEMO_TEMPLATES: Record<string, { title: string; body: string }> = {
  'akta-kelahiran': {
    title: 'Surat Keterangan Penerbitan Akta Kelahiran',
    body: `${OPENING}

${APPLICANT}

telah mengajukan permohonan pada tanggal {{case.submittedDate}} dengan nomor permohonan {{case.trackingCode}}, dan atas permohonan tersebut telah diterbitkan Kutipan Akta Kelahiran beserta Kartu Keluarga dan Kartu Identitas Anak untuk:

| Nama Anak | {{form.namaAnak}}
| Tanggal Lahir | {{form.tanggalLahir}}

Dokumen kependudukan tersebut ditandatangani secara elektronik dan dapat dicetak sendiri pada kertas HVS sesuai Peraturan Menteri Dalam Negeri Nomor 109 Tahun 2019.

${CLOSING}`,
  },
  'kartu-keluarga': {
    title: 'Surat Keterangan Penerbitan Kartu Keluarga',
    body: `${OPENING}

${APPLICANT}
| Jenis Permohonan | Kartu Keluarga {{form.jenis}}

telah diterbitkan Kartu Keluarga dengan tanda tangan elektronik atas permohonan nomor {{case.trackingCode}} tanggal {{case.submittedDate}}. Kartu Keluarga dapat dicetak sendiri pada kertas HVS ukuran A4 sesuai Peraturan Menteri Dalam Negeri Nomor 109 Tahun 2019.

${CLOSING}`,
  },
  'ktp-el-baru': {
    title: 'Surat Keterangan Telah Melakukan Perekaman KTP-el',
    body: `${OPENING}

${APPLICANT}

adalah penduduk Kota Malang yang telah melakukan perekaman data Kartu Tanda Penduduk Elektronik (KTP-el) dan KTP-el yang bersangkutan sedang dalam proses pencetakan.

Surat keterangan ini berlaku sebagai pengganti sementara KTP-el sampai KTP-el diterima oleh yang bersangkutan.

${CLOSING}`,
  },
  'ktp-el-hilang': {
    title: 'Surat Keterangan Penggantian KTP-el',
    body: `${OPENING}

${APPLICANT}

telah mengajukan penggantian Kartu Tanda Penduduk Elektronik (KTP-el) karena hilang atau rusak dengan nomor permohonan {{case.trackingCode}}, dan KTP-el pengganti sedang dalam proses pencetakan.

Surat keterangan ini berlaku sebagai pengganti sementara KTP-el sampai KTP-el pengganti diterima oleh yang bersangkutan.

${CLOSING}`,
  },
  'haji-reguler': {
    title: 'Surat Keterangan Pendaftaran Haji Reguler',
    body: `${OPENING}

${APPLICANT}

telah terdaftar sebagai calon jemaah haji reguler pada Kantor Kementerian Agama Kota Malang melalui Sistem Informasi dan Komputerisasi Haji Terpadu (SISKOHAT), dengan setoran awal Biaya Penyelenggaraan Ibadah Haji melalui {{form.bankBps}}.

Nomor porsi dan perkiraan tahun keberangkatan dapat dilihat pada bukti pendaftaran haji yang dicetak dari SISKOHAT.

${CLOSING}`,
  },
  'rekomendasi-paspor-haji': {
    title: 'Surat Rekomendasi Pembuatan Paspor Haji',
    body: `Yang bertanda tangan di bawah ini, {{signer.position}}, dengan ini memberikan rekomendasi kepada:

${APPLICANT}

untuk mengajukan permohonan paspor kepada Kantor Imigrasi dalam rangka menunaikan ibadah haji, sesuai dengan persyaratan yang telah diperiksa pada permohonan nomor {{case.trackingCode}}.

Rekomendasi ini hanya berlaku untuk pengurusan paspor haji dan bukan merupakan jaminan keberangkatan.

Demikian surat rekomendasi ini dibuat untuk dapat dipergunakan sebagaimana mestinya.`,
  },
  'legalisasi-ijazah-madrasah': {
    title: 'Surat Keterangan Legalisasi Ijazah Madrasah',
    body: `${OPENING}

${APPLICANT}

telah mengajukan legalisasi fotokopi ijazah madrasah sebanyak {{form.jumlahLembar}} lembar, dan fotokopi tersebut telah dilegalisasi setelah dicocokkan dengan ijazah aslinya.

${CLOSING}`,
  },
  'pengganti-ijazah': {
    title: 'Surat Keterangan Pengganti Ijazah',
    body: `${OPENING}

${APPLICANT}

adalah benar lulusan {{form.namaMadrasah}} pada tahun {{form.tahunLulus}}, sesuai dengan data pada arsip madrasah yang bersangkutan. Ijazah yang bersangkutan dinyatakan hilang sebagaimana surat keterangan kehilangan dari kepolisian yang dilampirkan pada permohonan nomor {{case.trackingCode}}.

Surat keterangan ini berlaku sebagai pengganti ijazah dan mempunyai kekuatan hukum yang sama dengan ijazah aslinya.

${CLOSING}`,
  },
  'izin-pesantren': {
    title: 'Surat Rekomendasi Izin Operasional Pondok Pesantren',
    body: `Yang bertanda tangan di bawah ini, {{signer.position}}, setelah melakukan verifikasi dokumen dan peninjauan lapangan, dengan ini memberikan rekomendasi kepada:

| Nama Pesantren | {{form.namaPesantren}}
| Jumlah Santri Mukim | {{form.jumlahSantri}} orang
| Nama Pemohon | {{applicant.name}}
| Alamat Pemohon | {{applicant.address}}

untuk memperoleh izin operasional dan Piagam Statistik Pesantren dari Kantor Wilayah Kementerian Agama Provinsi Jawa Timur sesuai Peraturan Menteri Agama Nomor 30 Tahun 2020.

Demikian surat rekomendasi ini dibuat untuk dapat dipergunakan sebagaimana mestinya.`,
  },
  'pendaftaran-nikah': {
    title: 'Surat Keterangan Pendaftaran Kehendak Nikah',
    body: `${OPENING}

${APPLICANT}

telah mendaftarkan kehendak nikah dan berkas persyaratannya telah diperiksa dengan hasil lengkap, dengan rencana akad nikah:

| Tanggal | {{form.tanggalAkad}}
| Tempat | {{form.tempatAkad}}

Calon pengantin diminta hadir pada jadwal bimbingan perkawinan dan pemeriksaan yang ditetapkan oleh Kantor Urusan Agama.

${CLOSING}`,
  },
  'sertifikat-halal-self-declare': {
    title: 'Surat Keterangan Pendampingan Sertifikasi Halal',
    body: `${OPENING}

| Nama Pelaku Usaha | {{applicant.name}}
| NIK | {{applicant.nik}}
| Nama Usaha | {{form.namaUsaha}}

telah mendapatkan pendampingan pengajuan sertifikat halal melalui skema pernyataan pelaku usaha (self declare) pada layanan Kementerian Agama di Mal Pelayanan Publik Kota Malang, dan berkas pengajuannya telah diteruskan melalui SIHALAL kepada Badan Penyelenggara Jaminan Produk Halal.

${CLOSING}`,
  },
  'pendampingan-nib': {
    title: 'Surat Keterangan Pendampingan Perizinan Berusaha',
    body: `${OPENING}

| Nama Pelaku Usaha | {{applicant.name}}
| NIK | {{applicant.nik}}
| Nama Usaha | {{form.namaUsaha}}

telah mendapatkan pendampingan penerbitan Nomor Induk Berusaha (NIB) melalui sistem Online Single Submission berbasis risiko (OSS-RBA) sesuai Peraturan Pemerintah Nomor 5 Tahun 2021.

${CLOSING}`,
  },
};

/** Loads the demo issuance setup (inside the demo seed's transaction). */
export async function seedDemoIssuance(m: EntityManager): Promise<void> {
  for (const l of DEMO_LETTERHEADS) {
    await m.query(
      `INSERT INTO opd_letterheads (opd_id, lines, address, contact, city, number_pattern)
       SELECT id, $2, $3, $4, 'Malang', $5 FROM opds WHERE code = $1`,
      [l.opd, l.lines, l.address, l.contact, l.numberPattern],
    );
  }
  const pii = PiiCipher.fromEnv();
  for (const s of DEMO_SIGNATORIES) {
    await m.query(
      `INSERT INTO signatories (user_id, opd_id, nip, nik_enc, position, rank, is_default)
       SELECT id, opd_id, $2, $3, $4, $5, $6 FROM users WHERE username = $1`,
      [s.username, s.nip, pii.encrypt('nik', s.nik), s.position, s.rank, s.isDefault ?? true],
    );
  }
  for (const [code, t] of Object.entries(DEMO_TEMPLATES)) {
    await m.query(
      `INSERT INTO document_templates (service_id, version, service_version, title, body)
       SELECT id, 1, current_version, $2, $3 FROM services WHERE code = $1`,
      [code, t.title, t.body],
    );
  }
}
