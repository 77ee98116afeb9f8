"""Regenerate the demo sample files: ``python catalog_import/samples/generate.py``.

Writes groups.csv, products.csv (Indonesian headers, as BKKBN staff keep them) and one small JPEG
card per product in images/. The files are committed; this script documents how they were made.
"""

import csv
import hashlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent

GROUPS = [
    # kode, nama, provinsi, kabupaten, kecamatan, desa, ketua, telepon, email, tahun, mitra
    (
        "UPPKS-BALI-001",
        "UPPKS Mawar Sari",
        "Bali",
        "Kab. Klungkung",
        "Dawan",
        "Gunaksa",
        "Ni Wayan Sukerti",
        "0812-3456-7801",
        "mawarsari@example.id",
        "2012",
        "BUMDes Gunaksa Sejahtera|Koperasi Wanita Dawan",
    ),
    (
        "UPPKS-BALI-002",
        "UPPKS Sekar Jagat",
        "Bali",
        "Gianyar",
        "Ubud",
        "Peliatan",
        "Ni Made Ariani",
        "0813-3700-1234",
        "sekarjagat@example.id",
        "2009",
        "Hotel Ubud Asri",
    ),
    (
        "UPPKS-BALI-003",
        "UPPKS Kintamani Lestari",
        "Bali",
        "Kabupaten Bangli",
        "Kintamani",
        "Batur Tengah",
        "Ni Ketut Sumerti",
        "081338801122",
        "",
        "2015",
        "Koperasi Kopi Kintamani",
    ),
    (
        "UPPKS-BALI-004",
        "UPPKS Lontar Sidemen",
        "Bali",
        "Kab. Karangasem",
        "Sidemen",
        "Sidemen",
        "Ni Luh Putu Sriani",
        "0878-6100-2233",
        "",
        "2017",
        "",
    ),
    (
        "UPPKS-BALI-005",
        "UPPKS Harum Dupa Denpasar",
        "Bali",
        "Kota Denpasar",
        "Denpasar Timur",
        "Kesiman",
        "Ni Nyoman Rai",
        "(0361) 234567",
        "harumdupa@example.id",
        "2011",
        "BUMDes Kesiman Kertalangu",
    ),
    (
        "UPPKS-BALI-006",
        "UPPKS Tenun Gelgel",
        "Bali",
        "Klungkung",
        "Klungkung",
        "Gelgel",
        "Ni Wayan Darmi",
        "0819-1600-4455",
        "",
        "2008",
        "Koperasi Wanita Dawan",
    ),
    (
        "UPPKS-ACEH-001",
        "UPPKS Kopi Gayo Bebesen",
        "Aceh",
        "Aceh Tengah",
        "Bebesen",
        "Kemili",
        "Siti Rahmah",
        "0852-7700-1122",
        "kopigayo.bebesen@example.id",
        "2014",
        "Koperasi Baitul Qiradh Gayo",
    ),
    (
        "UPPKS-ACEH-002",
        "UPPKS Madu Bener Meriah",
        "Aceh",
        "Kab. Bener Meriah",
        "Bukit",
        "Blang Sentang",
        "Nurhayati",
        "0811-6800-3344",
        "",
        "2016",
        "",
    ),
    (
        "UPPKS-ACEH-003",
        "UPPKS Emping Pidie",
        "Aceh",
        "Pidie",
        "Kota Sigli",
        "Blok Sawah",
        "Cut Mariani",
        "0823-6100-5566",
        "emping.pidie@example.id",
        "2010",
        "BUMDes Blang Paseh",
    ),
    (
        "UPPKS-ACEH-004",
        "UPPKS Bordir Aceh Besar",
        "Aceh",
        "Aceh Besar",
        "Darussalam",
        "Lamreh",
        "Fatimah Zahra",
        "0812-6900-7788",
        "",
        "2013",
        "Hotel Hermes Banda Aceh",
    ),
    (
        "UPPKS-ACEH-005",
        "UPPKS Kue Banda",
        "Aceh",
        "Kota Banda Aceh",
        "Kuta Alam",
        "Lampulo",
        "Rosmawati",
        "0853-6000-9911",
        "kuebanda@example.id",
        "2018",
        "",
    ),
    (
        "UPPKS-ACEH-006",
        "UPPKS Anyaman Pandan Lhoknga",
        "Aceh",
        "Aceh Besar",
        "Lhoknga",
        "Lampuuk",
        "Zainab",
        "0821-6700-2244",
        "",
        "2019",
        "BUMDes Lampuuk Mandiri",
    ),
]

HALAL = "ID{:02d}110000{:05d}0{:d}25"
PIRT = "P-IRT {:013d}-28"
BPOM = "BPOM NA18{:09d}"

# parent, group, name, category, description, [(sku, options, price, stock, weight)], kind
PRODUCTS = [
    (
        "SBN-PROPOLIS",
        "UPPKS-BALI-001",
        "Sabun Propolis Madu Klungkung",
        "Kosmetik & Perawatan > Sabun",
        "<p>Sabun batang dengan propolis dan madu hutan, dibuat ibu-ibu Gunaksa.</p>",
        [
            ("SBN-PROP-SEREH", "Aroma=Sereh", "Rp 25.000", 40, "90 g"),
            ("SBN-PROP-LAV", "Aroma=Lavender", "Rp 25.000", 35, "90 g"),
            ("SBN-PROP-ORI", "Aroma=Original", "Rp 22.000", 50, "90 g"),
        ],
        "bpom",
    ),
    (
        "SBN-MADU",
        "UPPKS-BALI-001",
        "Sabun Madu Kunyit",
        "sabun",
        "Sabun madu dengan kunyit untuk kulit lembut.",
        [
            ("SBN-MADU-80", "Ukuran=80 g", "18000", 60, "80gr"),
            ("SBN-MADU-120", "Ukuran=120 g", "24.000", 45, "120 gr"),
        ],
        "bpom",
    ),
    (
        "MINYAK-KLP",
        "UPPKS-BALI-001",
        "Minyak Kelapa Tradisional (Lengis Tanusan)",
        "Minyak & Aromaterapi",
        "Minyak kelapa dibuat dengan cara tradisional Bali.",
        [("MINYAK-KLP-250", "Isi=250 ml", "Rp 30.000", 25, "300 g")],
        "bpom",
    ),
    (
        "ANY-BAMBU-KERANJANG",
        "UPPKS-BALI-002",
        "Keranjang Anyaman Bambu Ubud",
        "Anyaman",
        "<p>Keranjang bambu anyaman tangan, cocok untuk buah dan <strong>canang</strong>.</p>",
        [
            ("ANY-BMB-KRJ-S", "Ukuran=Kecil", "Rp 45.000", 20, "300 g"),
            ("ANY-BMB-KRJ-M", "Ukuran=Sedang", "Rp 65.000", 15, "0,5 kg"),
            ("ANY-BMB-KRJ-L", "Ukuran=Besar", "Rp 90.000", 8, "0,8 kg"),
        ],
        None,
    ),
    (
        "ANY-BAMBU-TUDUNG",
        "UPPKS-BALI-002",
        "Tudung Saji Bambu",
        "Kerajinan > Anyaman",
        "Tudung saji anyaman bambu halus.",
        [("ANY-BMB-TDG", "", "Rp 75.000", 12, "6 ons")],
        None,
    ),
    (
        "UKIR-TOPENG",
        "UPPKS-BALI-002",
        "Topeng Ukir Kayu Pule",
        "Ukiran",
        "Topeng ukir kayu pule, dicat tangan.",
        [
            ("UKIR-TPG-KCL", "Ukuran=15 cm", "Rp 120.000", 6, "400 g"),
            ("UKIR-TPG-BSR", "Ukuran=25 cm", "Rp 210.000", 4, "750 g"),
        ],
        None,
    ),
    (
        "KOPI-KINTAMANI",
        "UPPKS-BALI-003",
        "Kopi Arabika Kintamani",
        "Kopi & Teh",
        "Kopi arabika Kintamani, proses natural, sangrai medium.",
        [
            ("KOPI-KTM-BIJI-250", "Jenis=Biji; Berat=250 g", "Rp 75.000", 30, "260 g"),
            ("KOPI-KTM-BUBUK-250", "Jenis=Bubuk; Berat=250 g", "Rp 75.000", 30, "260 g"),
            ("KOPI-KTM-BUBUK-100", "Jenis=Bubuk; Berat=100 g", "Rp 35.000", 50, "110 g"),
        ],
        "food",
    ),
    (
        "ANY-BAMBU-SOKASI",
        "UPPKS-BALI-003",
        "Sokasi Bambu Kintamani",
        "anyaman",
        "Sokasi (wadah sesajen) dari bambu.",
        [("ANY-SKS-M", "Ukuran=Sedang", "Rp 55.000", 18, "350 g")],
        None,
    ),
    (
        "ANY-LONTAR-TAS",
        "UPPKS-BALI-004",
        "Tas Anyaman Lontar Sidemen",
        "Tas & Dompet",
        "Tas jinjing anyaman daun lontar.",
        [
            ("ANY-LTR-TAS-NAT", "Warna=Natural", "Rp 150.000", 10, "400 g"),
            ("ANY-LTR-TAS-MRH", "Warna=Merah", "Rp 160.000", 6, "400 g"),
        ],
        None,
    ),
    (
        "ANY-LONTAR-BOKS",
        "UPPKS-BALI-004",
        "Kotak Lontar Serbaguna",
        "Anyaman",
        "Kotak serbaguna dari lontar dengan tutup.",
        [("ANY-LTR-BOKS", "", "Rp 60.000", 14, "200 g")],
        None,
    ),
    (
        "ENDEK-SIDEMEN",
        "UPPKS-BALI-004",
        "Kain Tenun Endek Sidemen",
        "Tenun & Endek",
        "Kain endek tenun ikat, 2 meter.",
        [
            ("ENDEK-SDM-BIRU", "Motif=Patra Biru", "Rp 450.000", 5, "500 g"),
            ("ENDEK-SDM-MERAH", "Motif=Cepuk Merah", "Rp 475.000", 4, "500 g"),
        ],
        None,
    ),
    (
        "DUPA-CENDANA",
        "UPPKS-BALI-005",
        "Dupa Harum Cendana",
        "Dupa",
        "Dupa wangi untuk sembahyang, tahan lama.",
        [
            ("DUPA-CDN-S", "Isi=50 batang", "Rp 15.000", 100, "100 g"),
            ("DUPA-CDN-L", "Isi=150 batang", "Rp 35.000", 60, "300 g"),
        ],
        None,
    ),
    (
        "DUPA-MELATI",
        "UPPKS-BALI-005",
        "Dupa Melati",
        "Rumah Tangga & Upacara > Dupa",
        "Dupa aroma melati.",
        [("DUPA-MLT", "Isi=50 batang", "Rp 15.000", 80, "100 g")],
        None,
    ),
    (
        "CANANG-SET",
        "UPPKS-BALI-005",
        "Perlengkapan Canang Sari",
        "Perlengkapan Upacara",
        "Satu set wadah dan hiasan untuk canang sari.",
        [("CANANG-SET", "", "Rp 40.000", 20, "250 g")],
        None,
    ),
    (
        "ENDEK-GELGEL",
        "UPPKS-BALI-006",
        "Kain Endek Gelgel",
        "Tenun & Endek",
        "Endek khas Gelgel, pewarna alam.",
        [
            ("ENDEK-GLG-HIJAU", "Motif=Gringsing Hijau", "Rp 500.000", 3, "500 g"),
            ("ENDEK-GLG-UNGU", "Motif=Keker Ungu", "Rp 500.000", 3, "500 g"),
        ],
        None,
    ),
    (
        "SELENDANG-GELGEL",
        "UPPKS-BALI-006",
        "Selendang Songket Gelgel",
        "Fesyen & Kain",
        "Selendang songket untuk upacara.",
        [("SLD-GLG", "", "Rp 250.000", 6, "200 g")],
        None,
    ),
    (
        "KOPI-GAYO",
        "UPPKS-ACEH-001",
        "Kopi Gayo Arabika",
        "Kopi & Teh",
        "<p>Kopi arabika dataran tinggi Gayo, dipetik merah.</p>",
        [
            ("KOPI-GAYO-BIJI-250", "Jenis=Biji; Berat=250 g", "Rp 80.000", 40, "260 g"),
            ("KOPI-GAYO-BUBUK-250", "Jenis=Bubuk; Berat=250 g", "Rp 80.000", 40, "260 g"),
            ("KOPI-GAYO-BIJI-1KG", "Jenis=Biji; Berat=1 kg", "Rp 280.000", 10, "1 kg"),
        ],
        "food",
    ),
    (
        "KOPI-GAYO-WINE",
        "UPPKS-ACEH-001",
        "Kopi Gayo Wine Process",
        "Kopi & Teh",
        "Kopi Gayo proses fermentasi wine, aroma buah.",
        [("KOPI-GAYO-WINE-200", "Berat=200 g", "Rp 120.000", 15, "210 g")],
        "food",
    ),
    (
        "MADU-HUTAN",
        "UPPKS-ACEH-002",
        "Madu Hutan Bener Meriah",
        "Madu",
        "Madu hutan murni dari lebah liar Bener Meriah.",
        [
            ("MADU-HTN-250", "Isi=250 ml", "Rp 85.000", 30, "350 g"),
            ("MADU-HTN-500", "Isi=500 ml", "Rp 150.000", 20, "700 g"),
        ],
        "food",
    ),
    (
        "SBN-PROPOLIS-GAYO",
        "UPPKS-ACEH-002",
        "Sabun Propolis Gayo",
        "Sabun",
        "Sabun propolis lebah Gayo.",
        [
            ("SBN-PROP-GAYO-KOPI", "Aroma=Kopi", "Rp 27.000", 30, "90 g"),
            ("SBN-PROP-GAYO-MADU", "Aroma=Madu", "Rp 27.000", 30, "90 g"),
        ],
        "bpom",
    ),
    (
        "EMPING-MELINJO",
        "UPPKS-ACEH-003",
        "Emping Melinjo Pidie",
        "Camilan",
        "Emping melinjo tipis, dijemur matahari.",
        [
            ("EMP-MLJ-250", "Rasa=Original; Berat=250 g", "Rp 35.000", 50, "250 g"),
            ("EMP-MLJ-500", "Rasa=Original; Berat=500 g", "Rp 65.000", 30, "500 g"),
            ("EMP-MLJ-PDS-250", "Rasa=Pedas Manis; Berat=250 g", "Rp 38.000", 40, "250 g"),
        ],
        "food",
    ),
    (
        "KERUPUK-MLJ",
        "UPPKS-ACEH-003",
        "Keripik Melinjo Balado",
        "Makanan & Minuman > Camilan",
        "Keripik melinjo bumbu balado.",
        [("KRP-MLJ-BLD", "Berat=200 g", "Rp 30.000", 25, "200 g")],
        "food",
    ),
    (
        "BORDIR-TAS",
        "UPPKS-ACEH-004",
        "Tas Bordir Aceh",
        "Bordir",
        "<p>Tas dengan bordir motif Aceh <em>pintu Aceh</em>.</p>",
        [
            ("BRD-TAS-HITAM", "Warna=Hitam", "Rp 175.000", 8, "450 g"),
            ("BRD-TAS-MERAH", "Warna=Merah", "Rp 175.000", 8, "450 g"),
        ],
        None,
    ),
    (
        "BORDIR-DOMPET",
        "UPPKS-ACEH-004",
        "Dompet Bordir Aceh",
        "Tas & Dompet",
        "Dompet kecil bordir khas Aceh.",
        [("BRD-DMP", "", "Rp 60.000", 20, "120 g")],
        None,
    ),
    (
        "BORDIR-PECI",
        "UPPKS-ACEH-004",
        "Kopiah Meukeutop Bordir",
        "Bordir",
        "Kopiah tradisional Aceh dengan bordir.",
        [
            ("BRD-PECI-M", "Ukuran=M", "Rp 95.000", 10, "150 g"),
            ("BRD-PECI-L", "Ukuran=L", "Rp 95.000", 10, "160 g"),
        ],
        None,
    ),
    (
        "KUE-SEUPET",
        "UPPKS-ACEH-005",
        "Kue Seupet Kuet",
        "Kue & Dodol",
        "Kue kering tradisional Aceh.",
        [("KUE-SPT-300", "Berat=300 g", "Rp 40.000", 25, "350 g")],
        "food",
    ),
    (
        "DODOL-ACEH",
        "UPPKS-ACEH-005",
        "Dodol Aceh (Meuseukat)",
        "Kue & Dodol",
        "Meuseukat, dodol nanas khas Aceh.",
        [("DDL-MSK-250", "Berat=250 g", "Rp 45.000", 20, "300 g")],
        "food",
    ),
    (
        "KEUMAMAH",
        "UPPKS-ACEH-005",
        "Keumamah (Ikan Kayu) Lampulo",
        "Olahan Ikan",
        "Ikan tongkol kering khas Aceh.",
        [("KMH-250", "Berat=250 g", "Rp 55.000", 15, "260 g")],
        "food",
    ),
    (
        "SAMBAL-ASAM-SUNTI",
        "UPPKS-ACEH-005",
        "Sambal Asam Sunti",
        "Bumbu & Sambal",
        "Sambal dengan asam sunti, belimbing wuluh kering.",
        [
            ("SBL-ASN-150", "Rasa=Pedas", "Rp 28.000", 30, "200 g"),
            ("SBL-ASN-150-SDG", "Rasa=Sedang", "Rp 28.000", 30, "200 g"),
        ],
        "food",
    ),
    (
        "ANY-PANDAN-TIKAR",
        "UPPKS-ACEH-006",
        "Tikar Anyaman Pandan Lhoknga",
        "Anyaman",
        "Tikar pandan anyaman tangan.",
        [
            ("ANY-PDN-TKR-S", "Ukuran=1x2 m", "Rp 120.000", 6, "1,2 kg"),
            ("ANY-PDN-TKR-L", "Ukuran=2x3 m", "Rp 220.000", 4, "2 kg"),
        ],
        None,
    ),
    (
        "ANY-PANDAN-TAS",
        "UPPKS-ACEH-006",
        "Tas Pandan Lampuuk",
        "Tas & Dompet",
        "Tas pandan ringan untuk ke pantai.",
        [("ANY-PDN-TAS", "Warna=Natural", "Rp 85.000", 12, "300 g")],
        None,
    ),
    (
        "SBN-SERAI-ANAK",
        "UPPKS-BALI-001",
        "Sabun Sereh Wangi Anak",
        "Sabun",
        "Sabun lembut untuk anak dengan minyak sereh wangi.",
        [("SBN-SRA-70", "Ukuran=70 g", "Rp 15.000", 40, "70 g")],
        "bpom",
    ),
    (
        "LULUR-BALI",
        "UPPKS-BALI-001",
        "Lulur Tradisional Bali",
        "Perawatan Kulit",
        "Lulur beras dan kunyit, resep turun-temurun.",
        [
            ("LULUR-BLI-100", "Aroma=Kunyit", "Rp 32.000", 25, "120 g"),
            ("LULUR-BLI-100-BK", "Aroma=Bengkuang", "Rp 32.000", 25, "120 g"),
        ],
        "bpom",
    ),
    (
        "ANY-BAMBU-TAS",
        "UPPKS-BALI-002",
        "Tas Anyaman Bambu Ate",
        "Tas & Dompet",
        "Tas bulat dari anyaman ate dan bambu.",
        [
            ("ANY-ATE-TAS-20", "Diameter=20 cm", "Rp 185.000", 6, "450 g"),
            ("ANY-ATE-TAS-25", "Diameter=25 cm", "Rp 235.000", 4, "600 g"),
        ],
        None,
    ),
    (
        "TEH-SEREH-KINTAMANI",
        "UPPKS-BALI-003",
        "Teh Sereh Jeruk Kintamani",
        "Kopi & Teh",
        "Teh herbal sereh dan kulit jeruk Kintamani.",
        [("TEH-SRH-50", "Isi=20 kantong", "Rp 28.000", 30, "80 g")],
        "food",
    ),
    (
        "ANY-LONTAR-BOKOR",
        "UPPKS-BALI-004",
        "Bokor Anyaman Lontar",
        "Perlengkapan Upacara",
        "Bokor dari lontar untuk sesajen.",
        [("ANY-LTR-BKR", "Ukuran=Sedang", "Rp 70.000", 10, "250 g")],
        None,
    ),
    (
        "DUPA-GAHARU",
        "UPPKS-BALI-005",
        "Dupa Gaharu Premium",
        "Dupa",
        "Dupa gaharu, asap lembut.",
        [("DUPA-GHR-S", "Isi=30 batang", "Rp 45.000", 40, "90 g")],
        None,
    ),
    (
        "KAMEN-ENDEK",
        "UPPKS-BALI-006",
        "Kamen Endek Siap Pakai",
        "Tenun & Endek",
        "Kamen endek dengan tali, siap pakai.",
        [
            ("KMN-END-M", "Ukuran=M", "Rp 325.000", 4, "450 g"),
            ("KMN-END-L", "Ukuran=L", "Rp 325.000", 4, "480 g"),
        ],
        None,
    ),
    (
        "KOPI-GAYO-LUWAK",
        "UPPKS-ACEH-001",
        "Kopi Gayo Honey Process",
        "Kopi & Teh",
        "Kopi Gayo proses honey, manis dan ringan.",
        [
            ("KOPI-GAYO-HNY-200", "Jenis=Biji", "Rp 110.000", 15, "210 g"),
            ("KOPI-GAYO-HNY-200-B", "Jenis=Bubuk", "Rp 110.000", 15, "210 g"),
        ],
        "food",
    ),
    (
        "MADU-KOPI",
        "UPPKS-ACEH-002",
        "Madu Bunga Kopi Gayo",
        "Madu",
        "Madu dari bunga kopi, rasa khas.",
        [("MADU-KPI-250", "Isi=250 ml", "Rp 95.000", 20, "350 g")],
        "food",
    ),
    (
        "PROPOLIS-CAIR",
        "UPPKS-ACEH-002",
        "Propolis Cair Bener Meriah",
        "Minyak & Aromaterapi",
        "Ekstrak propolis cair, 30 ml.",
        [("PRP-CAIR-30", "Isi=30 ml", "Rp 65.000", 20, "80 g")],
        "bpom",
    ),
    (
        "EMPING-KERUPUK-MLJ",
        "UPPKS-ACEH-003",
        "Emping Melinjo Manis",
        "Camilan",
        "Emping melinjo berlapis gula aren.",
        [("EMP-MNS-250", "Berat=250 g", "Rp 40.000", 30, "250 g")],
        "food",
    ),
    (
        "BORDIR-TAPLAK",
        "UPPKS-ACEH-004",
        "Taplak Meja Bordir Aceh",
        "Bordir",
        "Taplak meja bordir motif pucuk rebung.",
        [
            ("BRD-TPL-S", "Ukuran=60x60 cm", "Rp 110.000", 6, "250 g"),
            ("BRD-TPL-L", "Ukuran=120x60 cm", "Rp 165.000", 5, "400 g"),
        ],
        None,
    ),
    (
        "KUE-BHOI",
        "UPPKS-ACEH-005",
        "Kue Bhoi Aceh",
        "Kue & Dodol",
        "Kue bolu kering berbentuk ikan, oleh-oleh khas Aceh.",
        [("KUE-BHOI-10", "Isi=10 buah", "Rp 35.000", 25, "300 g")],
        "food",
    ),
    (
        "ANY-PANDAN-SANDAL",
        "UPPKS-ACEH-006",
        "Sandal Anyaman Pandan",
        "Anyaman",
        "Sandal hotel dari anyaman pandan.",
        [
            ("ANY-PDN-SDL-38", "Ukuran=38", "Rp 25.000", 30, "150 g"),
            ("ANY-PDN-SDL-41", "Ukuran=41", "Rp 25.000", 30, "160 g"),
        ],
        None,
    ),
]

PALETTE = [
    (176, 58, 46),
    (34, 110, 90),
    (40, 80, 150),
    (196, 120, 30),
    (110, 60, 140),
    (20, 120, 140),
    (150, 90, 40),
    (70, 120, 40),
    (170, 40, 100),
    (60, 60, 60),
]


def _initials(name: str) -> str:
    words = [w for w in name.replace("(", " ").split() if w[0].isalpha()]
    return "".join(w[0] for w in words[:2]).upper()


def make_image(path: Path, name: str, index: int) -> None:
    colour = PALETTE[index % len(PALETTE)]
    image = Image.new("RGB", (360, 360), colour)
    draw = ImageDraw.Draw(image)
    seed = hashlib.sha256(name.encode()).digest()
    for stripe in range(6):  # a few soft stripes make each card distinct
        offset = seed[stripe] % 300
        lighter = tuple(min(255, c + 25 + 8 * stripe) for c in colour)
        draw.rectangle([0, offset, 360, offset + 12 + seed[stripe + 6] % 20], fill=lighter)
    draw.rounded_rectangle([30, 30, 330, 330], radius=24, outline=(255, 255, 255), width=6)
    big = ImageFont.load_default(size=120)
    small = ImageFont.load_default(size=20)
    draw.text((180, 165), _initials(name), font=big, fill=(255, 255, 255), anchor="mm")
    draw.text((180, 285), name[:28], font=small, fill=(255, 255, 255), anchor="mm")
    image.save(path, "JPEG", quality=82, optimize=True)


def main() -> None:
    with open(HERE / "groups.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "kode_kelompok",
                "nama_kelompok",
                "provinsi",
                "kabupaten_kota",
                "kecamatan",
                "desa_kelurahan",
                "ketua",
                "telepon",
                "email",
                "tahun_berdiri",
                "mitra",
            ]
        )
        writer.writerows(GROUPS)
    images = HERE / "images"
    images.mkdir(exist_ok=True)
    with open(HERE / "products.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "kode_kelompok",
                "sku",
                "sku_induk",
                "nama_produk",
                "kategori",
                "harga",
                "stok",
                "berat",
                "deskripsi",
                "varian",
                "gambar",
                "no_halal",
                "izin_edar",
            ]
        )
        for index, (parent, group, name, category, text, variants, kind) in enumerate(PRODUCTS):
            image = f"{parent.lower()}.jpg"
            make_image(images / image, name, index)
            halal = HALAL.format(11 if "ACEH" in group else 51, 12340 + index, index % 10)
            permit = {
                "food": PIRT.format(2051105010100 + index * 7),
                "bpom": BPOM.format(201200100 + index * 13),
            }.get(kind, "")
            for sku, options, price, stock, weight in variants:
                writer.writerow(
                    [
                        group,
                        sku,
                        parent,
                        name,
                        category,
                        price,
                        stock,
                        weight,
                        text,
                        options,
                        image,
                        halal if kind == "food" else "",
                        permit,
                    ]
                )


if __name__ == "__main__":
    main()
