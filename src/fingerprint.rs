//! What an output is made from, as one SHA-256: the same fingerprint as
//! when the output was last written means there is nothing to do.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// A SHA-256 fed part by part.
#[derive(Clone, Default)]
pub struct Fingerprint(Sha256);

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
    pub fn serialized(self, value: &impl Serialize) -> Self {
        let json = serde_json::to_vec(value).expect("a value of the model serializes");
        self.part(json)
    }

    /// The digest in lower-case hex.
    pub fn hex(self) -> String {
        hex(self.0.finalize())
    }
}

/// The SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    hex(Sha256::digest(bytes))
}

fn hex(digest: impl AsRef<[u8]>) -> String {
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_never_run_into_each_other() {
        let ab_c = Fingerprint::new().part("ab").part("c").hex();
        let a_bc = Fingerprint::new().part("a").part("bc").hex();
        assert_ne!(ab_c, a_bc);
        assert_eq!(
            Fingerprint::new().raw("ab").raw("c").hex(),
            Fingerprint::new().raw("a").raw("bc").hex()
        );
    }

    #[test]
    fn a_digest_is_sha256_in_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(Fingerprint::new().raw(b"abc").hex(), sha256_hex(b"abc"));
        assert_eq!(
            Fingerprint::new().serialized(&Some("x")).hex(),
            Fingerprint::new().part(b"\"x\"").hex()
        );
    }
}
