//! Bytes to text: BOMs, UTF-16, windows-1252 and friends.
//!
//! The rules, in order:
//!
//! 1. An empty file is refused.
//! 2. A byte-order mark decides: UTF-8 (the mark is dropped), UTF-16LE or
//!    UTF-16BE (decoded, with a warning).
//! 3. Binary files (well-known magic numbers, zero bytes that are not
//!    UTF-16 without a mark) are refused with a hint of what to do instead.
//! 4. A declared charset (`decode_with_label`, used for HTML) is honoured,
//!    unless the bytes are plainly UTF-8.
//! 5. Valid UTF-8 is taken as it is.
//! 6. Text that is mostly UTF-8 with a few stray bytes is refused: decoding
//!    it would put U+FFFD in the findings without anyone noticing.
//! 7. Anything else is legacy 8-bit text: its encoding is detected
//!    (chardetng), typically windows-1252, and a warning says so.
//!
//! Nothing here ever puts U+FFFD in the text: what cannot be decoded
//! exactly is an error that names the byte offset.

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::error::ReadError;
use crate::model::{Warning, WarningKind};

/// Decoded text plus what had to be assumed to decode it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<Warning>,
}

/// How many leading bytes are searched for zero bytes.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// Decode a text file. Errors are messages for the user (the caller adds the path).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    decode_declared(bytes, None)
}

/// Decode a file whose charset is declared by `label` (an HTML `<meta charset>`,
/// an HTTP header). A byte-order mark still wins; an unknown label is
/// reported in a warning and the bytes are decoded as if nothing was declared.
pub(crate) fn decode_with_label(bytes: &[u8], label: &str) -> Result<Decoded, ReadError> {
    let label = label.trim();
    match Encoding::for_label_no_replacement(label.as_bytes()) {
        Some(enc) => decode_declared(bytes, Some(Declared { label, enc })),
        None => {
            let mut decoded = decode_declared(bytes, None)?;
            decoded.warnings.insert(
                0,
                Warning::general(WarningKind::UnknownCharset {
                    label: label.to_string(),
                }),
            );
            Ok(decoded)
        }
    }
}

/// A charset declared by the file itself.
#[derive(Clone, Copy)]
struct Declared<'a> {
    label: &'a str,
    enc: &'static Encoding,
}

fn decode_declared(bytes: &[u8], declared: Option<Declared>) -> Result<Decoded, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let decoded = decode_any(bytes, declared)?;
    check_not_blank(&decoded.text)?;
    Ok(decoded)
}

fn decode_any(bytes: &[u8], declared: Option<Declared>) -> Result<Decoded, ReadError> {
    // 2. A byte-order mark wins over everything.
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok(plain(s.to_string())),
            Err(_) => Err(stray_bytes_error(bytes, 3)),
        };
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, UTF_16LE, 2, "byte-order mark");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, UTF_16BE, 2, "byte-order mark");
    }

    // 3. Binary files.
    check_magic(bytes)?;
    let head = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if let Some(first_nul) = memchr::memchr(0, head) {
        return match utf16_without_bom(head) {
            Some(enc) => decode_utf16(
                bytes,
                enc,
                0,
                "no byte-order mark; detected from the zero bytes",
            ),
            None => Err(ReadError::ZeroByte { offset: first_nul }),
        };
    }

    // 4. A declared legacy charset.
    if let Some(d) = declared {
        // HTML: a page that declares UTF-16 but has no mark is read as UTF-8.
        let is_utf8 = d.enc == UTF_8 || d.enc == UTF_16LE || d.enc == UTF_16BE;
        if !is_utf8 {
            return decode_legacy_declared(bytes, d);
        }
    }

    // 5. Valid UTF-8.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(plain(s.to_string()));
    }

    // 6. Mostly UTF-8 with a few stray bytes.
    let stats = Utf8Stats::of(bytes);
    if stats.is_mostly_utf8(bytes.len()) {
        return Err(stray_bytes_error(bytes, 0));
    }

    // 7. Legacy 8-bit text.
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    let (text, enc) = match decode_exact(bytes, guess) {
        Ok(text) => (text, guess),
        // windows-1252 maps every byte: it cannot fail.
        Err(_) => (
            decode_exact(bytes, WINDOWS_1252).unwrap_or_default(),
            WINDOWS_1252,
        ),
    };
    let kind = WarningKind::EncodingDetected {
        declared: declared.map(|d| d.label.to_string()),
        encoding: enc.name(),
    };
    Ok(Decoded {
        text,
        warnings: vec![Warning::general(kind)],
    })
}

fn plain(text: String) -> Decoded {
    Decoded {
        text,
        warnings: Vec::new(),
    }
}

/// A declared charset other than UTF-8. Pages that declare a legacy charset
/// but were re-saved as UTF-8 are common: valid UTF-8 with non-ASCII
/// characters is read as UTF-8 (legacy text is practically never valid UTF-8).
fn decode_legacy_declared(bytes: &[u8], d: Declared) -> Result<Decoded, ReadError> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        if s.is_ascii() {
            return Ok(plain(s.to_string()));
        }
        return Ok(Decoded {
            text: s.to_string(),
            warnings: vec![Warning::general(WarningKind::DeclaredButUtf8 {
                label: d.label.to_string(),
            })],
        });
    }
    match decode_exact(bytes, d.enc) {
        Ok(text) => Ok(plain(text)),
        Err(offset) => Err(ReadError::NotDeclaredCharset {
            encoding: d.enc.name(),
            offset,
            line: line_at(bytes, offset),
            label: d.label.to_string(),
        }),
    }
}

/// Decode with `enc`, refusing malformed input: the error is the byte offset
/// of the first malformed sequence.
fn decode_exact(bytes: &[u8], enc: &'static Encoding) -> Result<String, usize> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(capacity);
    let mut pos = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[pos..], &mut out, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len() - pos + 16),
            DecoderResult::Malformed(bad, extra) => {
                return Err(pos.saturating_sub(bad as usize + extra as usize));
            }
        }
    }
}

/// Decode UTF-16 (without its mark, `skipped` bytes of mark before `bytes`).
fn decode_utf16(
    bytes: &[u8],
    enc: &'static Encoding,
    skipped: usize,
    why: &str,
) -> Result<Decoded, ReadError> {
    match decode_exact(bytes, enc) {
        Ok(text) => Ok(Decoded {
            text,
            warnings: vec![Warning::general(WarningKind::DecodedAs {
                encoding: enc.name(),
                why: why.to_string(),
            })],
        }),
        Err(offset) => Err(ReadError::InvalidUtf16 {
            encoding: enc.name(),
            offset: offset + skipped,
        }),
    }
}

/// UTF-16 without a byte-order mark shows as zero bytes in every other
/// position (ASCII characters have a zero high byte). Returns the byte
/// order when the zero bytes of `head` fit that pattern.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let mut zero_even = 0;
    let mut zero_odd = 0;
    for pair in head.chunks_exact(2) {
        if pair[0] == 0 {
            zero_even += 1;
        }
        if pair[1] == 0 {
            zero_odd += 1;
        }
    }
    // Most characters of a profile are ASCII: at least a third of the
    // high bytes are zero, and (almost) none of the low bytes.
    let fits = |high: usize, low: usize| high * 3 >= pairs && low * 50 <= pairs.max(50);
    if fits(zero_odd, zero_even) {
        Some(UTF_16LE)
    } else if fits(zero_even, zero_odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuse files that start with the magic number of a well-known binary format.
fn check_magic(bytes: &[u8]) -> Result<(), ReadError> {
    const MAGIC: &[(&[u8], &str, &str)] = &[
        (
            b"PK\x03\x04",
            "a ZIP archive, e.g. a Word .docx",
            "open it and save it as PDF, HTML or plain text (UTF-8)",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "a Microsoft Office document (.doc, .xls)",
            "open it and save it as PDF, HTML or plain text (UTF-8)",
        ),
        (
            b"\x89PNG\r\n\x1A\n",
            "a PNG image",
            "an image has no text to read: use the profile's web page or PDF",
        ),
        (
            b"\xFF\xD8\xFF",
            "a JPEG image",
            "an image has no text to read: use the profile's web page or PDF",
        ),
        (
            b"GIF87a",
            "a GIF image",
            "an image has no text to read: use the profile's web page or PDF",
        ),
        (
            b"GIF89a",
            "a GIF image",
            "an image has no text to read: use the profile's web page or PDF",
        ),
        (
            b"\x1F\x8B",
            "a gzip-compressed file",
            "decompress it first (gunzip)",
        ),
        (
            b"%PDF-",
            "a PDF file",
            "read it as a PDF profile (form pdf), not as text",
        ),
    ];
    for (magic, what, hint) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(ReadError::BinaryFormat { what, hint });
        }
    }
    Ok(())
}

/// What a failed UTF-8 parse looks like.
struct Utf8Stats {
    /// Bytes that are not part of any valid sequence.
    invalid_bytes: usize,
    /// Runs of invalid bytes (one per error).
    invalid_runs: usize,
    /// Valid characters of two bytes or more.
    multibyte: usize,
}

impl Utf8Stats {
    fn of(bytes: &[u8]) -> Self {
        let mut stats = Utf8Stats {
            invalid_bytes: 0,
            invalid_runs: 0,
            multibyte: 0,
        };
        for chunk in bytes.utf8_chunks() {
            stats.multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
            if !chunk.invalid().is_empty() {
                stats.invalid_bytes += chunk.invalid().len();
                stats.invalid_runs += 1;
            }
        }
        stats
    }

    /// UTF-8 with a few stray bytes rather than legacy 8-bit text: valid
    /// multi-byte characters are present, and the invalid bytes are either
    /// rare (under 1 %) or fewer than the valid multi-byte characters.
    /// Legacy text has invalid bytes at every accented letter and valid
    /// multi-byte sequences only by accident.
    fn is_mostly_utf8(&self, len: usize) -> bool {
        self.multibyte > 0
            && (self.invalid_bytes * 100 < len || self.multibyte >= self.invalid_runs)
    }
}

fn stray_bytes_error(bytes: &[u8], from: usize) -> ReadError {
    let body = &bytes[from..];
    let (first, cut_short) = match std::str::from_utf8(body) {
        Ok(_) => (0, false),
        // No error length: the bytes end in the middle of a character.
        Err(e) => (e.valid_up_to(), e.error_len().is_none()),
    };
    let first = first + from;
    if cut_short {
        return ReadError::CutShortUtf8 {
            offset: first,
            line: line_at(bytes, first),
        };
    }
    let stats = Utf8Stats::of(body);
    ReadError::StrayBytes {
        offset: first,
        line: line_at(bytes, first),
        count: stats.invalid_bytes,
    }
}

/// The 1-based line of a byte offset (`\n`, `\r\n` and a lone `\r` end lines).
fn line_at(bytes: &[u8], offset: usize) -> usize {
    let head = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    for (i, &b) in head.iter().enumerate() {
        match b {
            b'\n' => line += 1,
            b'\r' if head.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
    }
    line
}

/// Refuse text with nothing in it.
fn check_not_blank(text: &str) -> Result<(), ReadError> {
    if text.is_empty() {
        return Err(ReadError::Empty);
    }
    let blank = text
        .chars()
        .all(|c| c.is_whitespace() || super::is_zero_width(c) || c == '\u{ad}');
    if blank {
        return Err(ReadError::Blank);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes).unwrap_or_else(|e| panic!("decode failed: {e}"))
    }

    fn err(bytes: &[u8]) -> String {
        match decode(bytes) {
            Ok(d) => panic!("expected an error, got {:?}", d.text),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn utf8_without_bom() {
        let d = ok("Droits des migrants\n".as_bytes());
        assert_eq!(d.text, "Droits des migrants\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = ok(b"\xEF\xBB\xBFR\xC3\xA9publique");
        assert_eq!(d.text, "République");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Santé ’x’\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = ok(&bytes);
        assert_eq!(d.text, "Santé ’x’\n");
        assert_eq!(
            d.warnings[0].kind,
            Some(WarningKind::DecodedAs {
                encoding: "UTF-16LE",
                why: "byte-order mark".into()
            })
        );
        assert_eq!(
            d.warnings[0].message,
            "decoded as UTF-16LE (byte-order mark)"
        );
    }

    #[test]
    fn utf16be_with_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "Niñez".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        let d = ok(&bytes);
        assert_eq!(d.text, "Niñez");
        assert_eq!(
            d.warnings[0].kind,
            Some(WarningKind::DecodedAs {
                encoding: "UTF-16BE",
                why: "byte-order mark".into()
            })
        );
    }

    #[test]
    fn utf16le_without_bom_is_recognised_by_its_zero_bytes() {
        let mut bytes = Vec::new();
        for unit in "Key findings\r\nMigrants' rights\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = ok(&bytes);
        assert_eq!(d.text, "Key findings\r\nMigrants' rights\r\n");
        assert!(d.warnings[0].message.contains("UTF-16LE"));
    }

    #[test]
    fn truncated_utf16_is_an_error_not_a_replacement_character() {
        let e = err(b"\xFF\xFEA\x00B");
        assert!(e.starts_with("invalid UTF-16LE at byte offset 4"), "{e}");
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_is_an_error() {
        // A long UTF-8 text with accents, and one windows-1252 byte (0x92) pasted in.
        let mut bytes = "Les migrants ont accès à la santé et à l’éducation.\n"
            .repeat(20)
            .into_bytes();
        let at = bytes.len();
        bytes.extend_from_slice(b"L\x92Etat garantit\n");
        let e = err(&bytes);
        assert_eq!(
            e,
            format!(
                "invalid UTF-8 at byte offset {} (line 21): the file is mostly UTF-8 but has 1 stray byte; re-save it as UTF-8",
                at + 1
            )
        );
        assert!(!e.contains('\u{fffd}'));
    }

    #[test]
    fn utf8_cut_inside_a_character_is_said() {
        let e = err(&"Accès à la santé\nRéadmission".as_bytes()[..22]);
        assert_eq!(
            e,
            "the file ends inside a UTF-8 character at byte offset 21 (line 2): it looks cut short; copy the profile again"
        );
    }

    #[test]
    fn stray_bytes_after_a_utf8_bom_are_an_error() {
        let e = err(b"\xEF\xBB\xBFs\xC3\xA9curit\xE9\n");
        assert!(
            e.starts_with("invalid UTF-8 at byte offset 11 (line 1)"),
            "{e}"
        );
    }

    #[test]
    fn windows_1252_french_is_detected() {
        let (bytes, _, _) = WINDOWS_1252.encode(
            "Gouvernance de la migration : exemples d’aspects bien développés :\n\
             • La Constitution garantit l’égalité de traitement à tous les étrangers.\n\
             • Aspects qui pourraient être renforcés : coopération régionale.\n",
        );
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = ok(&bytes);
        assert!(d.text.contains("exemples d’aspects bien développés"));
        assert!(d.text.contains("être renforcés"));
        assert_eq!(
            d.warnings[0].kind,
            Some(WarningKind::EncodingDetected {
                declared: None,
                encoding: "windows-1252"
            })
        );
    }

    #[test]
    fn windows_1252_spanish_is_detected() {
        let (bytes, _, _) = WINDOWS_1252.encode(
            "Gobernanza de la migración: ejemplos de áreas bien desarrolladas\n\
             • La Constitución garantiza la protección de los niños migrantes.\n",
        );
        let d = ok(&bytes);
        assert!(
            d.text
                .contains("Constitución garantiza la protección de los niños")
        );
        assert!(d.warnings[0].message.contains("windows-1252"));
    }

    #[test]
    fn binary_files_are_refused_with_a_hint() {
        let e = err(b"PK\x03\x04\x14\x00\x06\x00word/document.xml");
        assert!(
            e.starts_with("this is not a text file (looks like a ZIP archive"),
            "{e}"
        );
        assert!(e.contains("save it as"), "{e}");
        for (bytes, what) in [
            (&b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR"[..], "PNG image"),
            (&b"\xFF\xD8\xFF\xE0\0\x10JFIF"[..], "JPEG image"),
            (&b"GIF89a\x01\0\x01\0"[..], "GIF image"),
            (&b"\x1F\x8B\x08\0\0\0\0\0"[..], "gzip"),
        ] {
            let e = err(bytes);
            assert!(e.contains(what), "{e}");
        }
    }

    #[test]
    fn zero_bytes_that_are_not_utf16_are_refused() {
        let mut bytes = b"MGI profile\n".to_vec();
        bytes.extend_from_slice(&[0, 0, 0, 7, 0x80, 0xFF, 0, 0, 1, 2, 3, 0, 0, 0]);
        assert_eq!(decode(&bytes), Err(ReadError::ZeroByte { offset: 12 }));
        let e = err(&bytes);
        assert!(
            e.starts_with("this is not a text file (it contains a zero byte at byte offset 12)"),
            "{e}"
        );
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b""), Err(ReadError::Empty));
        assert!(err(b"").starts_with("the file is empty: "));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(ReadError::Empty));
        assert_eq!(decode(b" \r\n\t\n"), Err(ReadError::Blank));
        assert!(err(b" ").starts_with("the file contains only whitespace: "));
        assert_eq!(decode("\u{a0}\n".as_bytes()), Err(ReadError::Blank));
    }

    #[test]
    fn declared_label_is_honoured() {
        let (bytes, _, _) = WINDOWS_1252.encode("Aspects qui pourraient être renforcés");
        let d = decode_with_label(&bytes, " Windows-1252").unwrap();
        assert_eq!(d.text, "Aspects qui pourraient être renforcés");
        assert!(d.warnings.is_empty());
        // iso-8859-1 is windows-1252 on the web.
        let d = decode_with_label(&bytes, "iso-8859-1").unwrap();
        assert_eq!(d.text, "Aspects qui pourraient être renforcés");
    }

    #[test]
    fn declared_legacy_label_on_utf8_bytes_reads_utf8() {
        let d = decode_with_label("Migración segura".as_bytes(), "windows-1252").unwrap();
        assert_eq!(d.text, "Migración segura");
        assert_eq!(
            d.warnings[0].kind,
            Some(WarningKind::DeclaredButUtf8 {
                label: "windows-1252".into()
            })
        );
    }

    #[test]
    fn declared_utf8_on_legacy_bytes_is_detected() {
        let (bytes, _, _) = WINDOWS_1252
            .encode("Les droits des migrants sont protégés par la loi, même à l’étranger.");
        let d = decode_with_label(&bytes, "utf-8").unwrap();
        assert!(d.text.contains("protégés"));
        assert!(matches!(
            &d.warnings[0].kind,
            Some(WarningKind::EncodingDetected { declared: Some(label), .. }) if label == "utf-8"
        ));
    }

    #[test]
    fn unknown_label_is_ignored_with_a_warning() {
        let d = decode_with_label(b"Partnerships", "klingon-8").unwrap();
        assert_eq!(d.text, "Partnerships");
        assert_eq!(
            d.warnings[0].kind,
            Some(WarningKind::UnknownCharset {
                label: "klingon-8".into()
            })
        );
    }

    #[test]
    fn bom_wins_over_the_label() {
        let d = decode_with_label(b"\xEF\xBB\xBFs\xC3\xBBr", "windows-1252").unwrap();
        assert_eq!(d.text, "sûr");
    }

    #[test]
    fn malformed_declared_multibyte_charset_is_an_error() {
        // 0x82 alone at the end is a truncated Shift_JIS character.
        let e = decode_with_label(b"abc\n\x82", "shift_jis").unwrap_err();
        assert!(
            matches!(
                &e,
                ReadError::NotDeclaredCharset {
                    encoding: "Shift_JIS",
                    offset: 4,
                    line: 2,
                    ..
                }
            ),
            "{e:?}"
        );
    }
}
