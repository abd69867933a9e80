// The 5 kecamatan and 57 kelurahan of Kota Malang (35.73), as suggestions for the address
// fields. Place names are data, not UI text. The list is general knowledge (DOMAIN.md §7
// confirms 5 kecamatan / 57 kelurahan); the kelurahan field stays free text.
export const KECAMATAN = ['Blimbing', 'Klojen', 'Kedungkandang', 'Sukun', 'Lowokwaru'] as const;
export type Kecamatan = (typeof KECAMATAN)[number];

export const KELURAHAN: Record<Kecamatan, string[]> = {
  Blimbing: [
    'Arjosari',
    'Balearjosari',
    'Blimbing',
    'Bunulrejo',
    'Jodipan',
    'Kesatrian',
    'Pandanwangi',
    'Polehan',
    'Polowijen',
    'Purwantoro',
    'Purwodadi',
  ],
  Klojen: [
    'Bareng',
    'Gadingkasri',
    'Kasin',
    'Kauman',
    'Kiduldalem',
    'Klojen',
    'Oro-oro Dowo',
    'Penanggungan',
    'Rampal Celaket',
    'Samaan',
    'Sukoharjo',
  ],
  Kedungkandang: [
    'Arjowinangun',
    'Bumiayu',
    'Buring',
    'Cemorokandang',
    'Kedungkandang',
    'Kotalama',
    'Lesanpuro',
    'Madyopuro',
    'Mergosono',
    'Sawojajar',
    'Tlogowaru',
    'Wonokoyo',
  ],
  Sukun: [
    'Bakalan Krajan',
    'Bandulan',
    'Bandungrejosari',
    'Ciptomulyo',
    'Gadang',
    'Karangbesuki',
    'Kebonsari',
    'Mulyorejo',
    'Pisang Candi',
    'Sukun',
    'Tanjungrejo',
  ],
  Lowokwaru: [
    'Dinoyo',
    'Jatimulyo',
    'Ketawanggede',
    'Lowokwaru',
    'Merjosari',
    'Mojolangu',
    'Sumbersari',
    'Tasikmadu',
    'Tlogomas',
    'Tulusrejo',
    'Tunggulwulung',
    'Tunjungsekar',
  ],
};

export function isKecamatan(value: string): value is Kecamatan {
  return (KECAMATAN as readonly string[]).includes(value);
}
