//! The clear header: readable without the password, bound by an HMAC with it.
//!
//! ```text
//! magic (8) ‖ version (u16 BE) ‖ header length (u32 BE) ‖ header JSON ‖ HMAC-SHA256 (32)
//! ```
//!
//! JSON because the two other readers (the browser page and a Python script) parse
//! it in one line; the MAC covers the exact bytes, so no canonical form is needed.
//! Every field is checked against tight limits before anything else happens.

use crate::error::{PackError, Result};
use crate::keys::{ITERATIONS_ACCEPTED, Wrapped};
use crate::{MAGIC, VERSION};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::io::Read;

/// Largest header JSON a reader accepts.
pub const MAX_HEADER: u32 = 64 * 1024;
/// Bytes before the JSON: magic, version, length.
pub const PREAMBLE: usize = 14;
/// Chunk sizes a reader accepts (powers of two; version 1 writers use 1 MiB).
pub const CHUNK_SIZES: std::ops::RangeInclusive<u32> = 1024..=(16 << 20);

/// The password stanza as it appears in the JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kdf {
    pub alg: String,
    pub iterations: u32,
    pub salt: String,
    pub key_nonce: String,
    pub wrapped_key: String,
}

/// The clear header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    /// 16 random bytes, lower-case hex.
    pub package_id: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// `YYYY-MM-DD`.
    pub delete_by: String,
    pub case_ref: String,
    pub issuer: String,
    pub chunk_size: u32,
    pub kdf: Kdf,
    /// Seven random bytes, base64: the STREAM nonce prefix.
    pub nonce_prefix: String,
}

pub const FORMAT_NAME: &str = "bevis-evidence";

fn bad(msg: impl Into<String>) -> PackError {
    PackError::BadHeader(msg.into())
}

fn b64_exact<const N: usize>(field: &str, value: &str) -> Result<[u8; N]> {
    let v = B64.decode(value).map_err(|_| bad(format!("{field} is not base64")))?;
    v.try_into().map_err(|_| bad(format!("{field} must be {N} bytes")))
}

impl Header {
    pub fn package_id_bytes(&self) -> Result<[u8; 16]> {
        if !self.package_id.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)) {
            return Err(bad("package_id must be lower-case hex"));
        }
        let v = hex::decode(&self.package_id).map_err(|_| bad("package_id is not hex"))?;
        v.try_into().map_err(|_| bad("package_id must be 16 bytes"))
    }

    pub fn nonce_prefix_bytes(&self) -> Result<[u8; 7]> {
        b64_exact("nonce_prefix", &self.nonce_prefix)
    }

    pub fn wrapped(&self) -> Result<Wrapped> {
        let k = &self.kdf;
        Ok(Wrapped {
            salt: b64_exact("kdf.salt", &k.salt)?,
            iterations: k.iterations,
            nonce: b64_exact("kdf.key_nonce", &k.key_nonce)?,
            key: b64_exact("kdf.wrapped_key", &k.wrapped_key)?,
        })
    }

    pub fn kdf_from(w: &Wrapped) -> Kdf {
        Kdf {
            alg: "pbkdf2-hmac-sha256".into(),
            iterations: w.iterations,
            salt: B64.encode(w.salt),
            key_nonce: B64.encode(w.nonce),
            wrapped_key: B64.encode(w.key),
        }
    }

    /// Every rule a reader enforces on the clear header.
    pub fn check(&self) -> Result<()> {
        if self.format != FORMAT_NAME {
            return Err(bad("format must be \"bevis-evidence\""));
        }
        self.package_id_bytes()?;
        self.nonce_prefix_bytes()?;
        self.wrapped()?;
        if self.kdf.alg != "pbkdf2-hmac-sha256" {
            return Err(bad(format!("unknown key derivation '{}'", self.kdf.alg)));
        }
        if !ITERATIONS_ACCEPTED.contains(&self.kdf.iterations) {
            return Err(bad(format!("{} PBKDF2 iterations is outside 600000..=10000000", self.kdf.iterations)));
        }
        if !CHUNK_SIZES.contains(&self.chunk_size) || !self.chunk_size.is_power_of_two() {
            return Err(bad(format!("chunk size {} is not allowed", self.chunk_size)));
        }
        if !is_date(&self.delete_by) {
            return Err(bad("delete_by must be a date written YYYY-MM-DD"));
        }
        if !is_utc_stamp(&self.created_at) {
            return Err(bad("created_at must be a UTC time written YYYY-MM-DDTHH:MM:SSZ (RFC 3339)"));
        }
        // Characters are Unicode scalar values, as FORMAT.md says — not bytes:
        // 150 × "Ö" is 150 characters (300 bytes) and allowed.
        for (name, v) in [("case_ref", &self.case_ref), ("issuer", &self.issuer)] {
            if v.is_empty() || v.chars().count() > 200 || v.chars().any(char::is_control) {
                return Err(bad(format!("{name} must be 1 to 200 characters, none of them a control character")));
            }
        }
        Ok(())
    }

    /// Preamble and JSON, the bytes the MAC covers.
    pub fn encode(&self) -> Vec<u8> {
        let json = serde_json::to_vec(self).expect("header serializes");
        let mut out = Vec::with_capacity(PREAMBLE + json.len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&VERSION.to_be_bytes());
        out.extend_from_slice(&(json.len() as u32).to_be_bytes());
        out.extend_from_slice(&json);
        out
    }
}

/// The ASCII digits at `range` of `s`, as a number (none if any is not a digit).
fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = s.get(range)?;
    part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
}

/// `YYYY-MM-DD`, a day that exists (2027-02-29 does not).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(y), Some(m), Some(d)) = (digits(s, 0..4), digits(s, 5..7), digits(s, 8..10)) else { return false };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`: RFC 3339 in UTC, a moment that exists.
fn is_utc_stamp(s: &str) -> bool {
    let Some(body) = s.strip_suffix('Z') else { return false };
    let (main, fraction) = body.split_once('.').unwrap_or((body, "0"));
    let b = main.as_bytes();
    let shape = b.len() == 19 && b[10] == b'T' && b[13] == b':' && b[16] == b':';
    let time = (digits(main, 11..13), digits(main, 14..16), digits(main, 17..19));
    let fraction_ok = !fraction.is_empty() && fraction.bytes().all(|c| c.is_ascii_digit());
    shape
        && fraction_ok
        && is_date(&main[..10])
        && matches!(time, (Some(h), Some(m), Some(s)) if h < 24 && m < 60 && s <= 60)
}

/// A header as read from a container: parsed, and the exact bytes and MAC.
pub struct RawHeader {
    pub header: Header,
    pub bytes: Vec<u8>,
    pub mac: [u8; 32],
}

/// Reads and checks the clear header (no password needed).
pub fn read(r: &mut impl Read) -> Result<RawHeader> {
    let mut pre = [0u8; PREAMBLE];
    read_exact_or(r, &mut pre, PackError::NotAPackage)?;
    if pre[..8] != MAGIC {
        return Err(PackError::NotAPackage);
    }
    let version = u16::from_be_bytes([pre[8], pre[9]]);
    if version != VERSION {
        return Err(PackError::UnsupportedVersion(version));
    }
    let len = u32::from_be_bytes([pre[10], pre[11], pre[12], pre[13]]);
    if len == 0 || len > MAX_HEADER {
        return Err(bad(format!("header length {len} is outside 1..=65536")));
    }
    let mut bytes = pre.to_vec();
    bytes.resize(PREAMBLE + len as usize, 0);
    read_exact_or(r, &mut bytes[PREAMBLE..], PackError::Truncated { chunks: 0 })?;
    let header: Header = serde_json::from_slice(&bytes[PREAMBLE..]).map_err(|e| bad(e.to_string()))?;
    header.check()?;
    let mut mac = [0u8; 32];
    read_exact_or(r, &mut mac, PackError::Truncated { chunks: 0 })?;
    Ok(RawHeader { header, bytes, mac })
}

fn read_exact_or(r: &mut impl Read, buf: &mut [u8], short: PackError) -> Result<()> {
    r.read_exact(buf).map_err(|e| if e.kind() == std::io::ErrorKind::UnexpectedEof { short } else { PackError::Io(e) })
}

/// HMAC-SHA256 of the header bytes.
pub fn mac(key: &[u8; 32], bytes: &[u8]) -> [u8; 32] {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    m.update(bytes);
    m.finalize().into_bytes().into()
}

/// Constant-time check of a header MAC.
pub fn verify_mac(key: &[u8; 32], bytes: &[u8], tag: &[u8; 32]) -> Result<()> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    m.update(bytes);
    m.verify_slice(tag).map_err(|_| PackError::Tampered { at: crate::error::Place::Header })
}
