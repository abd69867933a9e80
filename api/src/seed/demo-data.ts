import type { PublicService, Requirement, Role } from '@layanan/contracts';

// Kota Malang demo data. Services, requirements and SLAs come from
// shared/design/DOMAIN.md (sources cited there); items marked [GK] there are general
// knowledge and are kept as such here.

export interface DemoOpd {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  address: string;
}

export const DEMO_OPDS: DemoOpd[] = [
  {
    code: 'dukcapil',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    shortName: 'Dispendukcapil',
    kind: 'dinas',
    address: 'Perkantoran Terpadu Gedung A Lt. 2, Jl. Mayjen Sungkono, Kota Malang',
  },
  {
    code: 'pmptsp',
    name: 'Dinas Tenaga Kerja, Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    shortName: 'Disnaker-PMPTSP',
    kind: 'dinas',
    address: 'Mal Pelayanan Publik, Kota Malang',
  },
  {
    code: 'dinkes',
    name: 'Dinas Kesehatan',
    shortName: 'Dinkes',
    kind: 'dinas',
    address: 'Jl. Simpang Laksda Adi Sucipto No. 45, Kota Malang',
  },
  {
    code: 'kemenag',
    name: 'Kantor Kementerian Agama Kota Malang',
    shortName: 'Kemenag Kota Malang',
    kind: 'vertikal',
    address: 'Jl. Raden Panji Suroso No. 2, Kota Malang',
  },
  {
    code: 'bapenda',
    name: 'Badan Pendapatan Daerah',
    shortName: 'Bapenda',
    kind: 'badan',
    address: 'Perkantoran Terpadu Gedung B, Kota Malang',
  },
  { code: 'kec-blimbing', name: 'Kecamatan Blimbing', shortName: 'Kec. Blimbing', kind: 'kecamatan', address: 'Kota Malang (35.73.01)' },
  { code: 'kec-klojen', name: 'Kecamatan Klojen', shortName: 'Kec. Klojen', kind: 'kecamatan', address: 'Kota Malang (35.73.02)' },
  {
    code: 'kec-kedungkandang',
    name: 'Kecamatan Kedungkandang',
    shortName: 'Kec. Kedungkandang',
    kind: 'kecamatan',
    address: 'Kota Malang (35.73.03)',
  },
  { code: 'kec-sukun', name: 'Kecamatan Sukun', shortName: 'Kec. Sukun', kind: 'kecamatan', address: 'Kota Malang (35.73.04)' },
  { code: 'kec-lowokwaru', name: 'Kecamatan Lowokwaru', shortName: 'Kec. Lowokwaru', kind: 'kecamatan', address: 'Kota Malang (35.73.05)' },
];

/** A service standard as seeded: the public components, the owning OPD's code and a workflow. */
export interface DemoService extends Pick<
  PublicService,
  | 'code'
  | 'name'
  | 'description'
  | 'requirements'
  | 'formFields'
  | 'procedure'
  | 'slaAmount'
  | 'slaUnit'
  | 'feeAmount'
  | 'product'
  | 'legalBasis'
> {
  opd: string;
  feeNote?: string;
  workflow: 'standard' | 'with-head-signature' | 'with-inspection';
}

const doc = (key: string, label: string, mandatory = true, condition?: string): Requirement => ({
  key,
  label,
  kind: 'document',
  mandatory,
  ...(condition ? { condition } : {}),
});
export const COMPLAINT_CHANNEL = 'SP4N-LAPOR! (lapor.go.id), loket pengaduan MPP Kota Malang, atau WhatsApp pengaduan OPD';
const STANDARD_PROCEDURE =
  '1. Pemohon mengajukan berkas (loket atau daring). 2. Verifikator memeriksa kelengkapan dan keabsahan. 3. Kepala seksi menyetujui. 4. Produk layanan diterbitkan dan diserahkan.';

export const DEMO_SERVICES: DemoService[] = [
  {
    code: 'akta-kelahiran',
    opd: 'dukcapil',
    name: 'Akta Kelahiran',
    description: 'Penerbitan kutipan akta kelahiran, sepaket dengan KK dan KIA.',
    requirements: [
      doc('surat-lahir', 'Surat keterangan lahir dari dokter/bidan/kelurahan'),
      doc('buku-nikah', 'Buku nikah / akta perkawinan orang tua'),
      doc('kk', 'Kartu Keluarga'),
      doc('ktp-ortu', 'KTP-el kedua orang tua'),
    ],
    formFields: [
      { key: 'namaAnak', label: 'Nama anak', type: 'text', required: true },
      { key: 'tanggalLahir', label: 'Tanggal lahir anak', type: 'date', required: true },
    ],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 1,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Kutipan Akta Kelahiran, KK baru, KIA',
    legalBasis: 'Permendagri 19/2018; UU 24/2013 tentang Administrasi Kependudukan',
    workflow: 'standard',
  },
  {
    code: 'kartu-keluarga',
    opd: 'dukcapil',
    name: 'Kartu Keluarga (Baru / Perubahan)',
    description: 'Penerbitan KK baru atau perubahan data KK.',
    requirements: [
      doc('f102', 'Formulir F-1.02'),
      doc('f101', 'Formulir biodata F-1.01'),
      doc('buku-nikah', 'Buku nikah / akta perkawinan'),
      doc('kk-lama', 'KK lama atau SKPWNI'),
      doc('sptjm', 'SPTJM', false, 'jika dokumen pendukung tidak lengkap'),
    ],
    formFields: [{ key: 'jenis', label: 'Jenis permohonan', type: 'select', required: true, options: ['baru', 'perubahan'] }],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 1,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Kartu Keluarga (TTE, kertas HVS)',
    legalBasis: 'Permendagri 19/2018; Permendagri 109/2019',
    workflow: 'standard',
  },
  {
    code: 'ktp-el-baru',
    opd: 'dukcapil',
    name: 'KTP-el Baru',
    description: 'Perekaman dan pencetakan KTP-el untuk penduduk berusia 17 tahun atau sudah menikah.',
    requirements: [doc('kk', 'Fotokopi Kartu Keluarga'), doc('akta-lahir', 'Fotokopi akta kelahiran')],
    formFields: [],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 1,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'KTP-el',
    legalBasis: 'Permendagri 19/2018',
    workflow: 'standard',
  },
  {
    code: 'ktp-el-hilang',
    opd: 'dukcapil',
    name: 'KTP-el Hilang / Rusak',
    description: 'Penggantian KTP-el yang hilang atau rusak.',
    requirements: [
      doc('laporan-polisi', 'Surat keterangan kehilangan dari kepolisian', true, 'jika hilang'),
      doc('kk', 'Fotokopi Kartu Keluarga'),
    ],
    formFields: [],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 1,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'KTP-el pengganti',
    legalBasis: 'Permendagri 19/2018',
    workflow: 'standard',
  },
  {
    code: 'haji-reguler',
    opd: 'kemenag',
    name: 'Pendaftaran Haji Reguler',
    description: 'Pendaftaran calon jemaah haji reguler (SISKOHAT). Pemohon hadir untuk foto dan sidik jari.',
    requirements: [
      doc('ktp', 'KTP domisili Kota Malang'),
      doc('kk', 'Kartu Keluarga'),
      doc('akta-nikah-ijazah', 'Akta kelahiran / buku nikah / ijazah'),
      doc('bukti-setoran', 'Bukti setoran awal BPIH (Rp25 juta) dari BPS-BPIH'),
      doc('pas-foto', 'Pas foto 3x4 latar putih (10 lembar)'),
    ],
    formFields: [{ key: 'bankBps', label: 'Bank penerima setoran (BPS-BPIH)', type: 'text', required: true }],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 3,
    slaUnit: 'days',
    feeAmount: 0,
    feeNote: 'Layanan gratis; setoran awal BPIH dibayar ke bank',
    product: 'Bukti pendaftaran haji (nomor porsi)',
    legalBasis: 'UU 8/2019 tentang Penyelenggaraan Ibadah Haji dan Umrah',
    workflow: 'standard',
  },
  {
    code: 'rekomendasi-paspor-haji',
    opd: 'kemenag',
    name: 'Rekomendasi Paspor Haji',
    description:
      'Surat rekomendasi Kemenag untuk pembuatan paspor haji pertama kali (umrah tidak lagi memerlukan rekomendasi sejak Februari 2023).',
    requirements: [
      doc('ktp', 'KTP'),
      doc('kk', 'Kartu Keluarga'),
      doc('akta-nikah-ijazah', 'Akta kelahiran / buku nikah / ijazah'),
      doc('bukti-bpih', 'Bukti setoran BPIH'),
    ],
    formFields: [],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 2,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Surat Rekomendasi Paspor Haji',
    legalBasis: 'Surat Ditjen Imigrasi IMI-GR.01.01-0070 (2023)',
    workflow: 'standard',
  },
  {
    code: 'legalisasi-ijazah-madrasah',
    opd: 'kemenag',
    name: 'Legalisasi Ijazah Madrasah',
    description:
      'Legalisasi fotokopi ijazah madrasah (maksimal 10 lembar), ditandatangani kepala madrasah atau Kakankemenag bila madrasah tutup.',
    requirements: [
      doc('ijazah-asli', 'Scan ijazah asli (ditunjukkan aslinya saat pengambilan)'),
      doc('formulir', 'Formulir permohonan'),
      doc('sptjm', 'SPTJM bermeterai'),
    ],
    formFields: [{ key: 'jumlahLembar', label: 'Jumlah lembar (maks. 10)', type: 'number', required: true }],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 1,
    slaUnit: 'hours',
    feeAmount: 0,
    product: 'Fotokopi ijazah terlegalisasi',
    legalBasis: 'Keputusan Dirjen Pendis 5343/2015',
    workflow: 'standard',
  },
  {
    code: 'pengganti-ijazah',
    opd: 'kemenag',
    name: 'Surat Keterangan Pengganti Ijazah',
    description: 'Surat keterangan pengganti ijazah madrasah yang hilang atau rusak.',
    requirements: [
      doc('formulir', 'Formulir permohonan'),
      doc('fotokopi-ijazah', 'Fotokopi ijazah', false, 'jika ada'),
      doc('laporan-polisi', 'Surat keterangan kehilangan dari kepolisian'),
      doc('sptjm', 'SPTJM'),
      doc('ktp', 'KTP'),
      doc('pas-foto', 'Pas foto'),
    ],
    formFields: [
      { key: 'namaMadrasah', label: 'Nama madrasah', type: 'text', required: true },
      { key: 'tahunLulus', label: 'Tahun lulus', type: 'number', required: true },
    ],
    procedure: STANDARD_PROCEDURE + ' 5. Kepala kantor menandatangani surat keterangan.',
    slaAmount: 14,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Surat Keterangan Pengganti Ijazah',
    legalBasis: 'Juknis penulisan ijazah madrasah',
    workflow: 'with-head-signature',
  },
  {
    code: 'izin-pesantren',
    opd: 'kemenag',
    name: 'Rekomendasi Izin Operasional Pondok Pesantren',
    description: 'Verifikasi dan visitasi oleh Kankemenag, lalu rekomendasi ke Kanwil untuk Piagam Statistik Pesantren (SITREN).',
    requirements: [
      doc('permohonan', 'Surat permohonan'),
      doc('komitmen', 'Surat komitmen'),
      doc('kurikulum', 'Kurikulum'),
      doc('data-santri', 'Data santri mukim (minimal 15)'),
      doc('akta-yayasan', 'SK badan hukum yayasan'),
      doc('foto-denah', 'Foto dan denah lokasi'),
      doc('domisili', 'Surat keterangan domisili'),
      doc('sertifikat-tanah', 'Bukti kepemilikan/penggunaan tanah'),
    ],
    formFields: [
      { key: 'namaPesantren', label: 'Nama pesantren', type: 'text', required: true },
      { key: 'jumlahSantri', label: 'Jumlah santri mukim', type: 'number', required: true },
    ],
    procedure: STANDARD_PROCEDURE.replace('3.', '3. Visitasi lapangan. 4.'),
    slaAmount: 10,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Surat Rekomendasi Izin Operasional Pesantren',
    legalBasis: 'PMA 30/2020 tentang Pendirian dan Penyelenggaraan Pesantren',
    workflow: 'with-inspection',
  },
  {
    code: 'pendaftaran-nikah',
    opd: 'kemenag',
    name: 'Pendaftaran Nikah (KUA)',
    description: 'Pendaftaran kehendak nikah di KUA, paling lambat 10 hari kerja sebelum akad.',
    requirements: [
      doc('n1', 'Surat pengantar nikah (N1) dari kelurahan'),
      doc('n3', 'Surat persetujuan mempelai (N3)'),
      doc('n5', 'Surat izin orang tua (N5)', true, 'jika calon pengantin di bawah 21 tahun'),
      doc('ktp-kk', 'Fotokopi KTP dan KK'),
      doc('akta-lahir', 'Fotokopi akta kelahiran'),
      doc('pas-foto', 'Pas foto'),
      doc('akta-cerai', 'Akta cerai / surat kematian pasangan', false, 'jika duda/janda'),
      doc('dispensasi', 'Penetapan dispensasi pengadilan', false, 'jika di bawah 19 tahun'),
    ],
    formFields: [
      { key: 'tanggalAkad', label: 'Rencana tanggal akad', type: 'date', required: true },
      { key: 'tempatAkad', label: 'Tempat akad', type: 'select', required: true, options: ['KUA (jam kerja)', 'Luar KUA'] },
    ],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 10,
    slaUnit: 'days',
    feeAmount: 0,
    feeNote: 'Rp0 di KUA pada jam kerja; Rp600.000 di luar KUA (PP 59/2018)',
    product: 'Jadwal akad dan buku nikah',
    legalBasis: 'PP 59/2018; PMA 20/2019',
    workflow: 'standard',
  },
  {
    code: 'sertifikat-halal-self-declare',
    opd: 'kemenag',
    name: 'Fasilitasi Sertifikat Halal (Self Declare)',
    description: 'Pendampingan pengajuan sertifikat halal self declare melalui SIHALAL di meja Kemenag MPP.',
    requirements: [
      doc('nib', 'NIB'),
      doc('ktp-penyelia', 'KTP penyelia halal'),
      doc('daftar-produk', 'Daftar produk dan bahan'),
      doc('proses-produksi', 'Deskripsi proses produksi'),
    ],
    formFields: [{ key: 'namaUsaha', label: 'Nama usaha', type: 'text', required: true }],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 21,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Sertifikat Halal (BPJPH)',
    legalBasis: 'UU 33/2014 tentang Jaminan Produk Halal',
    workflow: 'standard',
  },
  {
    code: 'pendampingan-nib',
    opd: 'pmptsp',
    name: 'Pendampingan Penerbitan NIB (OSS-RBA)',
    description: 'Pendampingan pelaku usaha mendapatkan Nomor Induk Berusaha melalui OSS berbasis risiko.',
    requirements: [doc('ktp', 'KTP-el'), doc('npwp', 'NPWP'), doc('sk-ahu', 'SK AHU', false, 'untuk badan usaha')],
    formFields: [
      { key: 'namaUsaha', label: 'Nama usaha', type: 'text', required: true },
      { key: 'email', label: 'Email aktif', type: 'text', required: true },
    ],
    procedure: STANDARD_PROCEDURE,
    slaAmount: 1,
    slaUnit: 'days',
    feeAmount: 0,
    product: 'Nomor Induk Berusaha (NIB)',
    legalBasis: 'PP 5/2021 tentang Perizinan Berusaha Berbasis Risiko',
    workflow: 'standard',
  },
];

export interface DemoUser {
  username: string;
  fullName: string;
  roles: Role[];
  opd: string | null;
}

const STAFF_NAMES: Record<string, Record<string, string>> = {
  dukcapil: { petugas: 'Budi Santoso', verifikator: 'Rina Wulandari', kasi: 'Hadi Prasetyo', kadis: 'Kartika Dewi' },
  kemenag: { petugas: 'Ahmad Fauzi', verifikator: 'Siti Aminah', kasi: 'Muhammad Ridwan', kadis: 'Abdul Haris' },
  pmptsp: { petugas: 'Dewi Lestari', verifikator: 'Agus Setiawan', kasi: 'Yuni Rahayu', kadis: 'Bambang Sutrisno' },
  dinkes: { petugas: 'Nur Hidayah', verifikator: 'Eko Wahyudi', kasi: 'Lilik Suryani', kadis: 'Husnul Muarif' },
};
const ROLE_OF: Record<string, Role> = { petugas: 'officer', verifikator: 'verifier', kasi: 'supervisor', kadis: 'head' };

export const DEMO_USERS: DemoUser[] = [
  ...Object.entries(STAFF_NAMES).flatMap(([opd, names]) =>
    Object.entries(names).map(([prefix, fullName]) => ({ username: `${prefix}.${opd}`, fullName, roles: [ROLE_OF[prefix]], opd })),
  ),
  { username: 'verifikator2.dukcapil', fullName: 'Yusuf Maulana', roles: ['verifier'], opd: 'dukcapil' },
  { username: 'petugas2.dukcapil', fullName: 'Intan Permatasari', roles: ['officer'], opd: 'dukcapil' },
  { username: 'pengaduan.dukcapil', fullName: 'Wahyu Hidayat', roles: ['complaint_officer'], opd: 'dukcapil' },
  { username: 'pengaduan.kemenag', fullName: 'Laila Nurjanah', roles: ['complaint_officer'], opd: 'kemenag' },
  { username: 'admin', fullName: 'Admin Sistem Diskominfo', roles: ['admin'], opd: null },
  { username: 'pimpinan', fullName: 'Sekretariat Daerah Kota Malang', roles: ['leadership'], opd: null },
];
