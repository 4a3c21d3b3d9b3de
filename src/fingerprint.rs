//! What an output is made from, as one SHA-256: the same fingerprint as
//! when the output was last written means there is nothing to do.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

/// A SHA-256 digest, written (in the build state, to typst, in messages) as
/// 64 lower-case hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest([u8; 32]);

impl Digest {
    /// The SHA-256 of `bytes`.
    pub fn of(bytes: impl AsRef<[u8]>) -> Digest {
        Digest(Sha256::digest(bytes).into())
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

/// Text that is no SHA-256 in hex.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a SHA-256 in hex (64 digits 0-9, a-f): {0:?}")]
pub struct NotADigest(String);

impl FromStr for Digest {
    type Err = NotADigest;

    fn from_str(s: &str) -> Result<Digest, NotADigest> {
        let wrong = || NotADigest(s.to_string());
        if s.len() != 64 || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(wrong());
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(s.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).map_err(|_| wrong())?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| wrong())?;
        }
        Ok(Digest(bytes))
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Digest, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A SHA-256 fed part by part.
#[derive(Clone, Default)]
pub(crate) struct Fingerprint(Sha256);

impl Fingerprint {
    pub fn new() -> Self {
        Self::default()
    }

    /// Bytes as they are: for a first part, a last part, or parts of a
    /// fixed length, which cannot run into the next one.
    pub fn raw(mut self, bytes: impl AsRef<[u8]>) -> Self {
        self.0.update(bytes);
        self
    }

    /// Bytes preceded by their length, so that two parts never read as one.
    pub fn part(mut self, bytes: impl AsRef<[u8]>) -> Self {
        let bytes = bytes.as_ref();
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// A value by its JSON form (never by its `Debug` text, which is no
    /// stable format).
    pub(crate) fn serialized(self, value: &impl Serialize) -> Self {
        let json = serde_json::to_vec(value).expect("a value of the model serializes");
        self.part(json)
    }

    /// The digest of every part fed.
    pub fn finish(self) -> Digest {
        Digest(self.0.finalize().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_never_run_into_each_other() {
        let ab_c = Fingerprint::new().part("ab").part("c").finish();
        let a_bc = Fingerprint::new().part("a").part("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(
            Fingerprint::new().raw("ab").raw("c").finish(),
            Fingerprint::new().raw("a").raw("bc").finish()
        );
    }

    #[test]
    fn a_digest_is_sha256_in_hex() {
        assert_eq!(
            Digest::of(b"abc").to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(Fingerprint::new().raw(b"abc").finish(), Digest::of(b"abc"));
        assert_eq!(
            Fingerprint::new().serialized(&Some("x")).finish(),
            Fingerprint::new().part(b"\"x\"").finish()
        );
    }

    #[test]
    fn a_digest_is_kept_as_its_hex_and_read_back_from_it() {
        let d = Digest::of(b"abc");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{d}\""));
        assert_eq!(serde_json::from_str::<Digest>(&json).unwrap(), d);
        for bad in ["", "ba78", &"g".repeat(64), &d.to_string().to_uppercase()] {
            assert!(bad.parse::<Digest>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Digest>("\"ba78\"").is_err());
    }
}
