//! The signed manifest: what the package holds and where it came from.
//!
//! `manifest.json` lists every other file with its size and SHA-256, the original
//! footage with *its* SHA-256, what was cut, cropped and hidden, by whom and why.
//! `manifest.sig` is an Ed25519 signature over the exact bytes of `manifest.json`
//! by the installation's key; its fingerprint (SHA-256 of the public key, shown in
//! groups) is printed on the receipt so a recipient can compare it.

use crate::error::{PackError, Result};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// An original recording that went into the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

/// One exported clip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClipEntry {
    /// File inside the package, e.g. `clips/clip-1.mp4`.
    pub file: String,
    pub camera: Option<String>,
    pub sources: Vec<SourceFile>,
    /// Seconds on the source's timeline.
    pub from: f64,
    pub to: f64,
    /// Wall-clock start and end, when known (`YYYY-MM-DDTHH:MM:SS`, local time).
    pub wall_from: Option<String>,
    pub wall_to: Option<String>,
    /// `[x, y, w, h]` in source pixels.
    pub crop: [i64; 4],
    pub frames: u64,
    pub width: u32,
    pub height: u32,
    /// Format 2: the recorder's clock at the clip's first frame and at its end,
    /// RFC 3339 with milliseconds and the UTC offset in force.
    #[serde(default)]
    pub recorder_from: Option<String>,
    #[serde(default)]
    pub recorder_to: Option<String>,
    /// Format 2: the same moments in real time (recorder time − offset).
    #[serde(default)]
    pub time_from: Option<String>,
    #[serde(default)]
    pub time_to: Option<String>,
    /// Format 2: the recorder's clock against real time.
    #[serde(default)]
    pub clock: Option<ClockEntry>,
    /// Format 2: the WebVTT sidecar with the time of every second.
    #[serde(default)]
    pub subtitles: Option<String>,
    /// Format 2: the original footage of this clip included in the package.
    #[serde(default)]
    pub originals: Vec<OriginalEntry>,
    /// Format 2: where the recording has no footage inside the clip (between
    /// NVR files): at which second of the clip's source timeline, how long.
    #[serde(default)]
    pub gaps: Vec<GapEntry>,
}

/// A hole in a recording: footage jumps `seconds` of wall-clock time at `at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GapEntry {
    pub at: f64,
    pub seconds: f64,
}

/// How the recorder's clock differed from real time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockEntry {
    /// Seconds the recorder was ahead of real time (negative: behind).
    pub offset_s: f64,
    /// How that was established (empty: not checked).
    pub how: String,
    /// IANA time zone of the recorder's local times.
    pub time_zone: String,
}

/// One file of original footage in the package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginalEntry {
    /// `files`: the recorder's file, byte for byte; `cut`: its packets from the
    /// keyframe at or before the clip to the first frame at or after its end,
    /// stream-copied without decoding.
    pub form: String,
    /// Name of the recorder's file (as in the clip's `sources`).
    pub source: String,
    /// The file inside the package, under `originals/`.
    pub file: String,
    /// For a cut: seconds of the source file it covers (from its first packet).
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// A file in the package and its digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    pub name: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub package_id: String,
    pub case_ref: String,
    pub issuer: String,
    pub operator: String,
    pub reason: String,
    pub recipient: Option<String>,
    pub exported_at: String,
    pub delete_by: String,
    pub software: String,
    /// Head of the register's audit log at export time, when a register is in use.
    pub audit_head: Option<String>,
    pub redaction_mode: String,
    pub redaction_tracks: usize,
    pub clips: Vec<ClipEntry>,
    /// Format 2: why unredacted original footage is included (`None`: it is not).
    #[serde(default)]
    pub originals_why: Option<String>,
    pub files: Vec<FileEntry>,
    /// Hex Ed25519 public key that signs `manifest.sig`.
    pub signing_key: String,
}

/// The format Bevis writes.
pub const MANIFEST_FORMAT: &str = "bevis-manifest/2";
/// The first format, still read: no times with offsets, no subtitles, no originals.
pub const MANIFEST_FORMAT_1: &str = "bevis-manifest/1";

/// Format 2 members were given in a format-1 manifest.
fn has_format_2_members(m: &Manifest) -> bool {
    m.originals_why.is_some()
        || m.clips.iter().any(|c| {
            c.recorder_from.is_some()
                || c.recorder_to.is_some()
                || c.time_from.is_some()
                || c.time_to.is_some()
                || c.clock.is_some()
                || c.subtitles.is_some()
                || !c.originals.is_empty()
                || !c.gaps.is_empty()
        })
}

impl Manifest {
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("manifest serializes")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let m: Manifest =
            serde_json::from_slice(bytes).map_err(|e| PackError::BadArchive(format!("manifest.json: {e}")))?;
        match m.format.as_str() {
            MANIFEST_FORMAT => {}
            MANIFEST_FORMAT_1 if !has_format_2_members(&m) => {}
            MANIFEST_FORMAT_1 => {
                return Err(PackError::BadArchive("manifest.json: a format-1 manifest with format-2 members".into()));
            }
            other => return Err(PackError::BadArchive(format!("manifest format {other} is not supported"))),
        }
        Ok(m)
    }
}

/// SHA-256 of the public key, as 16 groups of four hex digits.
pub fn fingerprint(key: &VerifyingKey) -> String {
    let h = hex::encode(Sha256::digest(key.as_bytes()));
    h.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).expect("hex")).collect::<Vec<_>>().join(" ")
}

pub fn sign(key: &SigningKey, manifest_bytes: &[u8]) -> [u8; 64] {
    key.sign(manifest_bytes).to_bytes()
}

/// Checks `sig` over `manifest_bytes` against the key named in the manifest.
pub fn verify(manifest_bytes: &[u8], sig: &[u8]) -> Result<(Manifest, VerifyingKey)> {
    let m = Manifest::from_bytes(manifest_bytes)?;
    let bad = |what: &str| PackError::BadArchive(format!("manifest signature: {what}"));
    let lower = m.signing_key.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c));
    let key: [u8; 32] = hex::decode(&m.signing_key)
        .ok()
        .filter(|_| lower)
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| bad("bad key (64 lower-case hex digits)"))?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| bad("bad key"))?;
    let sig = Signature::from_slice(sig).map_err(|_| bad("malformed"))?;
    key.verify(manifest_bytes, &sig)
        .map_err(|_| bad("does not match: the manifest was altered or signed by another key"))?;
    Ok((m, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ed25519_rfc8032_test_1() {
        let sk: [u8; 32] = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
            .unwrap()
            .try_into()
            .unwrap();
        let key = SigningKey::from_bytes(&sk);
        assert_eq!(
            hex::encode(key.verifying_key().as_bytes()),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let want = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
        assert_eq!(hex::encode(sign(&key, b"")), want);
    }
}
