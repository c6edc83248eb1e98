//! Keys: a fresh random file key per package, wrapped under a password.
//!
//! ```text
//! password ─ PBKDF2-HMAC-SHA256(salt, ≥ 600 000) ─► KEK ─ AES-256-GCM ─► wrapped file key (header)
//! file key ─ HKDF-SHA256(salt = package id) ─┬─ "bevis/v1/header-mac" ─► HMAC key
//!                                            └─ "bevis/v1/payload"    ─► AES-256-GCM STREAM key
//! ```
//!
//! PBKDF2 rather than a memory-hard KDF because the recipient's browser must be
//! able to run it (WebCrypto offers PBKDF2, not Argon2 or scrypt); 600 000
//! iterations is OWASP's current advice for PBKDF2-HMAC-SHA256, and the generated
//! password has over 100 bits, so the KDF is a second line of defence. All key
//! material is zeroized when dropped.

use crate::error::{PackError, Result};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// PBKDF2 iterations written by this build.
pub const ITERATIONS: u32 = 600_000;
/// Iteration counts a reader accepts: never weaker than the writer's, never absurd.
pub const ITERATIONS_ACCEPTED: std::ops::RangeInclusive<u32> = 600_000..=10_000_000;
/// Associated data of the key wrap.
pub const WRAP_AAD: &[u8] = b"bevis/v1/key-wrap";
pub const LABEL_HEADER_MAC: &[u8] = b"bevis/v1/header-mac";
pub const LABEL_PAYLOAD: &[u8] = b"bevis/v1/payload";

/// Fills `buf` from the operating system's CSPRNG.
pub fn random(buf: &mut [u8]) -> Result<()> {
    getrandom::getrandom(buf).map_err(|e| PackError::Random(e.to_string()))
}

/// The random key that encrypts one package.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct FileKey([u8; 32]);

/// A 32-byte secret that is wiped when dropped.
pub type Secret = Zeroizing<[u8; 32]>;

impl FileKey {
    pub fn generate() -> Result<Self> {
        let mut k = [0u8; 32];
        random(&mut k)?;
        Ok(FileKey(k))
    }

    /// A subkey for one purpose, bound to the package id.
    pub fn subkey(&self, package_id: &[u8; 16], label: &[u8]) -> Secret {
        let mut out = Zeroizing::new([0u8; 32]);
        Hkdf::<Sha256>::new(Some(package_id), &self.0)
            .expand(label, out.as_mut())
            .expect("32 bytes is a valid HKDF length");
        out
    }
}

/// How a password is typed is not how it is used: it is put in Unicode NFC (so
/// "å" typed as a + ring opens what was set as one "å"), white space (the
/// Unicode White_Space property) and dashes are dropped, and ASCII letters
/// upper-cased, so "k7qm 2x9r" opens what was printed as "K7QM-2X9R". FORMAT.md §3.
pub fn normalise_password(password: &str) -> Zeroizing<String> {
    use unicode_normalization::UnicodeNormalization;
    Zeroizing::new(password.nfc().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect())
}

/// The key-encryption key for a password.
pub fn kek(password: &str, salt: &[u8; 16], iterations: u32) -> Secret {
    let mut out = Zeroizing::new([0u8; 32]);
    let normalised = normalise_password(password);
    pbkdf2::pbkdf2_hmac::<Sha256>(normalised.as_bytes(), salt, iterations, out.as_mut());
    out
}

/// The password stanza of a header, in binary form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub salt: [u8; 16],
    pub iterations: u32,
    pub nonce: [u8; 12],
    /// AES-256-GCM(KEK, nonce, file key, aad = "bevis/v1/key-wrap" ‖ package id): 32 + 16 bytes.
    pub key: [u8; 48],
}

fn wrap_aad(package_id: &[u8; 16]) -> Vec<u8> {
    [WRAP_AAD, package_id].concat()
}

/// Wraps `key` under `password` with a fresh salt and nonce.
pub fn wrap(key: &FileKey, password: &str, iterations: u32, package_id: &[u8; 16]) -> Result<Wrapped> {
    let (mut salt, mut nonce) = ([0u8; 16], [0u8; 12]);
    random(&mut salt)?;
    random(&mut nonce)?;
    let kek = kek(password, &salt, iterations);
    let cipher = Aes256Gcm::new_from_slice(kek.as_ref()).expect("32-byte key");
    let aad = wrap_aad(package_id);
    let sealed =
        cipher.encrypt(&Nonce::from(nonce), Payload { msg: &key.0, aad: &aad }).map_err(|_| PackError::TooLarge)?;
    let key: [u8; 48] = sealed.try_into().expect("32 bytes + 16-byte tag");
    Ok(Wrapped { salt, iterations, nonce, key })
}

/// Unwraps the file key with a key-encryption key; a wrong password fails here.
pub fn unwrap_with_kek(w: &Wrapped, kek: &Secret, package_id: &[u8; 16]) -> Result<FileKey> {
    let cipher = Aes256Gcm::new_from_slice(kek.as_ref()).expect("32-byte key");
    let aad = wrap_aad(package_id);
    let plain = Zeroizing::new(
        cipher
            .decrypt(&Nonce::from(w.nonce), Payload { msg: &w.key, aad: &aad })
            .map_err(|_| PackError::WrongPassword)?,
    );
    let mut k = [0u8; 32];
    k.copy_from_slice(&plain);
    Ok(FileKey(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

    #[test]
    fn a_password_is_used_in_nfc_without_white_space_or_dashes() {
        let n = |p: &str| normalise_password(p).to_string();
        assert_eq!(n("k7qm 2x9r-abcd"), "K7QM2X9RABCD");
        assert_eq!(n("a\u{030A}sa"), n("\u{00E5}sa"), "decomposed and composed å are one password");
        assert_eq!(n("\u{00E5}sa"), "\u{00E5}SA", "only ASCII letters change case");
        assert_eq!(n("x\u{00A0}y\u{3000}z\u{2028}w\t-v"), "XYZWV", "every White_Space character goes");
        assert_eq!(n("x\u{200B}y"), "X\u{200B}Y", "a zero-width space is not white space (Unicode)");
    }

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s.replace(' ', "")).unwrap()
    }

    #[test]
    fn hkdf_rfc5869_case_1() {
        let ikm = unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        let salt = unhex("000102030405060708090a0b0c");
        let info = unhex("f0f1f2f3f4f5f6f7f8f9");
        let mut okm = [0u8; 42];
        Hkdf::<Sha256>::new(Some(&salt), &ikm).expand(&info, &mut okm).unwrap();
        let want = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865";
        assert_eq!(hex::encode(okm), want);
    }

    #[test]
    fn pbkdf2_sha256_rfc7914_vector() {
        let mut out = [0u8; 64];
        pbkdf2::pbkdf2_hmac::<Sha256>(b"passwd", b"salt", 1, &mut out);
        let want = "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783";
        assert_eq!(hex::encode(out), want);
    }

    #[test]
    fn hmac_sha256_rfc4231_case_2() {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let want = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        assert_eq!(hex::encode(mac.finalize().into_bytes()), want);
    }

    #[test]
    fn wrap_round_trips_and_rejects_wrong_passwords() {
        let key = FileKey::generate().unwrap();
        let id = [7u8; 16];
        let w = wrap(&key, "K7QM-2X9R", ITERATIONS, &id).unwrap();
        let typed = kek("k7qm 2x9r", &w.salt, w.iterations);
        assert_eq!(unwrap_with_kek(&w, &typed, &id).unwrap().0, key.0, "normalised password opens");
        let wrong = kek("K7QM-2X9S", &w.salt, w.iterations);
        assert!(matches!(unwrap_with_kek(&w, &wrong, &id), Err(PackError::WrongPassword)));
        assert!(matches!(unwrap_with_kek(&w, &typed, &[8u8; 16]), Err(PackError::WrongPassword)), "bound to the id");
    }

    #[test]
    fn subkeys_differ_by_label_and_package() {
        let key = FileKey::generate().unwrap();
        let a = key.subkey(&[1; 16], LABEL_PAYLOAD);
        assert_ne!(*a, *key.subkey(&[1; 16], LABEL_HEADER_MAC));
        assert_ne!(*a, *key.subkey(&[2; 16], LABEL_PAYLOAD));
    }
}
