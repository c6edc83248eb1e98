//! The container against everything an attacker or a bad USB stick can do to it.

use bevis_pack::container::{Meta, Params};
use bevis_pack::error::Place;
use bevis_pack::keys::Secret;
use bevis_pack::{PackError, PackageReader, PackageWriter, archive};
use std::io::{Read, Write};

const C: usize = 1024;
const PASSWORD: &str = "K7QM-2X9R-ABCD-EFGH-JKMN-PQRS";

fn meta() -> Meta {
    Meta {
        case_ref: "K-2026-0042".into(),
        issuer: "Exempelskolan".into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        delete_by: "2027-05-22".into(),
    }
}

fn params() -> Params {
    Params { chunk_size: C, iterations: 600_000, package_id: None }
}

fn seal(plain: &[u8]) -> Vec<u8> {
    let mut w = PackageWriter::create(Vec::new(), &meta(), PASSWORD, &params()).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap()
}

fn open(bytes: &[u8], kek: &Secret) -> Result<Vec<u8>, PackError> {
    let mut r = PackageReader::open(bytes)?.unlock_with_kek(kek)?;
    let mut out = Vec::new();
    r.read_to_end(&mut out).map_err(PackError::from_io)?;
    Ok(out)
}

fn kek_of(bytes: &[u8]) -> Secret {
    PackageReader::open(bytes).unwrap().kek(PASSWORD).unwrap()
}

fn plain(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 31 % 251) as u8).collect()
}

/// Offset of the first payload chunk.
fn payload_start(bytes: &[u8]) -> usize {
    14 + u32::from_be_bytes(bytes[10..14].try_into().unwrap()) as usize + 32
}

#[test]
fn round_trips_at_every_chunk_boundary() {
    for n in [0, 1, C - 1, C, C + 1, 3 * C, 3 * C + 7] {
        let bytes = seal(&plain(n));
        assert_eq!(open(&bytes, &kek_of(&bytes)).unwrap(), plain(n), "length {n}");
        let expected_chunks = if n == 0 { 1 } else { n.div_ceil(C) };
        let locked = PackageReader::open(&bytes[..]).unwrap();
        assert_eq!(locked.check_length(bytes.len() as u64).unwrap(), expected_chunks as u64, "length {n}");
        assert_eq!(bytes.len() - payload_start(&bytes), n + 16 * expected_chunks);
    }
}

#[test]
fn wrong_password_is_reported_as_such() {
    let bytes = seal(b"evidence");
    let err = PackageReader::open(&bytes[..]).unwrap().unlock("K7QM-2X9R-ABCD-EFGH-JKMN-PQRT").err().unwrap();
    assert!(matches!(err, PackError::WrongPassword), "{err:?}");
    let typed = "k7qm 2x9r abcd efgh jkmn pqrs";
    let mut r = PackageReader::open(&bytes[..]).unwrap().unlock(typed).unwrap();
    let mut out = String::new();
    r.read_to_string(&mut out).unwrap();
    assert_eq!(out, "evidence", "spaces and case do not matter");
}

#[test]
fn every_bit_flip_of_a_three_chunk_package_is_rejected() {
    let bytes = seal(&plain(2 * C + 100));
    let kek = kek_of(&bytes);
    let start = payload_start(&bytes);
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut b = bytes.clone();
            b[i] ^= 1 << bit;
            let result = open(&b, &kek);
            assert!(result.is_err(), "flip of bit {bit} at byte {i} was accepted");
            if i >= start {
                let at = (i - start) / (C + 16);
                assert!(
                    matches!(result, Err(PackError::Tampered { at: Place::Chunk(n) }) if n == at as u64),
                    "byte {i}: {result:?}"
                );
            }
        }
    }
}

#[test]
fn every_truncation_is_rejected() {
    let bytes = seal(&plain(2 * C + 100));
    let kek = kek_of(&bytes);
    for len in 0..bytes.len() {
        let r = open(&bytes[..len], &kek);
        assert!(r.is_err(), "truncation to {len} bytes was accepted");
    }
    let start = payload_start(&bytes);
    let r = open(&bytes[..start + 2 * (C + 16)], &kek);
    assert!(matches!(r, Err(PackError::Truncated { chunks: 2 })), "{r:?}");
}

#[test]
fn reordered_duplicated_dropped_chunks_and_trailing_bytes_are_rejected() {
    let bytes = seal(&plain(3 * C));
    let kek = kek_of(&bytes);
    let s = payload_start(&bytes);
    let chunk = |i: usize| &bytes[s + i * (C + 16)..(s + (i + 1) * (C + 16)).min(bytes.len())];
    let head = &bytes[..s];
    let build = |order: &[usize]| [head.to_vec(), order.iter().flat_map(|&i| chunk(i).to_vec()).collect()].concat();
    for order in [[1, 0, 2].as_slice(), &[0, 0, 1, 2], &[0, 2], &[0, 1, 1, 2], &[0, 1], &[0, 1, 2, 2]] {
        assert!(open(&build(order), &kek).is_err(), "chunks {order:?} accepted");
    }
    let mut trailing = bytes.clone();
    trailing.extend_from_slice(b"x");
    assert!(matches!(open(&trailing, &kek), Err(PackError::TrailingData | PackError::Tampered { .. })));
    let mut trailing_chunk = bytes.clone();
    trailing_chunk.extend_from_slice(chunk(0));
    assert!(open(&trailing_chunk, &kek).is_err());
}

#[test]
fn chunks_cannot_move_between_packages() {
    let (a, b) = (seal(&plain(2 * C)), seal(&plain(2 * C)));
    let (sa, sb) = (payload_start(&a), payload_start(&b));
    let mixed = [a[..sa].to_vec(), b[sb..].to_vec()].concat();
    assert!(open(&mixed, &kek_of(&a)).is_err());
}

#[test]
fn not_a_package_and_unsupported_versions() {
    assert!(matches!(PackageReader::open(&b"hello world, this is not it"[..]).err().unwrap(), PackError::NotAPackage));
    assert!(matches!(PackageReader::open(&b""[..]).err().unwrap(), PackError::NotAPackage));
    let mut bytes = seal(b"x");
    bytes[9] = 2;
    assert!(matches!(PackageReader::open(&bytes[..]).err().unwrap(), PackError::UnsupportedVersion(2)));
    let mut huge = seal(b"x");
    huge[10..14].copy_from_slice(&u32::MAX.to_be_bytes());
    assert!(matches!(PackageReader::open(&huge[..]).err().unwrap(), PackError::BadHeader(_)));
}

#[test]
fn dropping_the_writer_without_finish_leaves_a_truncated_package() {
    let mut buf = Vec::new();
    {
        let mut w = PackageWriter::create(&mut buf, &meta(), PASSWORD, &params()).unwrap();
        w.write_all(&plain(2 * C + 5)).unwrap();
    }
    let r = open(&buf, &kek_of(&buf));
    assert!(matches!(r, Err(PackError::Truncated { .. })), "{r:?}");
}

#[test]
fn archive_round_trip_inside_a_package() {
    let mut w = PackageWriter::create(Vec::new(), &meta(), PASSWORD, &params()).unwrap();
    let mut a = archive::ArchiveWriter::new(&mut w);
    let mut e = a.start("clips/clip-1.mp4").unwrap();
    e.write_all(&plain(5000)).unwrap();
    let first = e.end().unwrap();
    a.add("manifest.json", b"{}").unwrap();
    assert!(a.start("../escape").is_err());
    assert!(a.start("manifest.json").is_err(), "duplicate names refused");
    a.finish().unwrap();
    let bytes = w.finish().unwrap();
    let mut r = PackageReader::open(&bytes[..]).unwrap().unlock(PASSWORD).unwrap();
    let mut got = Vec::new();
    let files = archive::read_all(&mut r, |name, block| {
        if name == "clips/clip-1.mp4" {
            got.extend_from_slice(block);
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(got, plain(5000));
    assert_eq!(files[0], first);
    assert_eq!(files[1].name, "manifest.json");
    assert_eq!(first.sha256.len(), 64);
}

#[test]
fn after_a_bad_chunk_every_read_fails() {
    let mut bytes = seal(&plain(3 * C));
    let s = payload_start(&bytes);
    bytes[s + C + 16 + 5] ^= 1;
    let mut r = PackageReader::open(&bytes[..]).unwrap().unlock(PASSWORD).unwrap();
    let mut first = vec![0u8; C];
    r.read_exact(&mut first).unwrap();
    assert_eq!(first, plain(C), "the intact first chunk is released");
    let mut buf = [0u8; 16];
    assert!(r.read(&mut buf).is_err());
    assert!(r.read(&mut buf).is_err(), "and it never turns into a clean end of file");
}

#[test]
fn header_texts_are_counted_in_characters_and_times_must_be_real() {
    let with = |f: &dyn Fn(&mut Meta)| {
        let mut m = meta();
        f(&mut m);
        PackageWriter::create(Vec::new(), &m, PASSWORD, &params()).map(|_| ())
    };
    assert!(with(&|m| m.issuer = "Ö".repeat(200)).is_ok(), "200 characters (400 bytes) are allowed");
    assert!(matches!(with(&|m| m.issuer = "Ö".repeat(201)), Err(PackError::BadHeader(_))));
    assert!(matches!(with(&|m| m.case_ref = "K-1\u{7}".into()), Err(PackError::BadHeader(_))));
    assert!(with(&|m| m.created_at = "2026-11-22T10:00:00.125Z".into()).is_ok(), "a fraction is RFC 3339 too");
    for bad in [
        "2026-11-22 10:00:00",
        "2026-11-22T10:00:00+01:00",
        "2026-02-30T10:00:00Z",
        "2026-11-22T24:00:00Z",
        "yesterday",
        "2026-11-22T10:00:0xZ",
        "2026-11-22T10:00:00.Z",
    ] {
        assert!(matches!(with(&|m| m.created_at = bad.into()), Err(PackError::BadHeader(_))), "{bad} accepted");
    }
    assert!(matches!(with(&|m| m.delete_by = "2027-02-29".into()), Err(PackError::BadHeader(_))), "no such day");
    assert!(with(&|m| m.delete_by = "2028-02-29".into()).is_ok(), "a leap day");
}

/// A package holding `a.txt` and a manifest signed for it, its files in `order`.
fn package_in_order(order: &[&str]) -> Vec<u8> {
    use bevis_pack::manifest::{FileEntry, MANIFEST_FORMAT, Manifest, sign};
    use sha2::Digest;
    let key = ed25519_dalek::SigningKey::from_bytes(&[9u8; 32]);
    let text = b"the file".to_vec();
    let m = Manifest {
        format: MANIFEST_FORMAT.into(),
        package_id: "00000000000000000000000000000000".into(),
        case_ref: meta().case_ref,
        issuer: meta().issuer,
        operator: "op".into(),
        reason: "r".into(),
        recipient: None,
        exported_at: meta().created_at,
        delete_by: meta().delete_by,
        software: "test".into(),
        audit_head: None,
        originals_why: None,
        redaction_mode: "blur_tracks".into(),
        redaction_tracks: 0,
        clips: vec![],
        files: vec![FileEntry { name: "a.txt".into(), size: 8, sha256: hex::encode(sha2::Sha256::digest(&text)) }],
        signing_key: hex::encode(key.verifying_key().to_bytes()),
    };
    let json = m.to_bytes();
    let sig = sign(&key, &json);
    let id = Params { package_id: Some([0u8; 16]), ..params() };
    let mut w = PackageWriter::create(Vec::new(), &meta(), PASSWORD, &id).unwrap();
    let mut a = archive::ArchiveWriter::new(&mut w);
    for name in order {
        let bytes: &[u8] = match *name {
            "a.txt" => &text,
            "manifest.json" => &json,
            _ => &sig,
        };
        a.add(name, bytes).unwrap();
    }
    a.finish().unwrap();
    w.finish().unwrap()
}

#[test]
fn the_signed_manifest_must_close_the_package() {
    let ok = package_in_order(&["a.txt", "manifest.json", "manifest.sig"]);
    bevis_pack::open::verify_from(&ok[..], PASSWORD).expect("the right order verifies");
    for order in [["manifest.json", "manifest.sig", "a.txt"], ["a.txt", "manifest.sig", "manifest.json"]] {
        let bad = package_in_order(&order);
        match bevis_pack::open::verify_from(&bad[..], PASSWORD) {
            Err(PackError::BadArchive(why)) => assert!(why.contains("last two files"), "{why}"),
            other => panic!("{order:?} accepted: {:?}", other.map(|v| v.manifest.package_id)),
        }
    }
}

/// Serves `bytes`, then fails the way a chunk reader does when the final chunk is bad.
struct FailsAfter(Vec<u8>);

impl Read for FailsAfter {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.0.is_empty() {
            return Err(PackError::Tampered { at: Place::Chunk(1) }.into());
        }
        let n = out.len().min(self.0.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0.drain(..n);
        Ok(n)
    }
}

#[test]
fn a_bad_final_chunk_after_the_end_marker_is_named_once() {
    let err = archive::read_all(&mut FailsAfter(b"E".to_vec()), |_, _| Ok(())).unwrap_err();
    assert!(matches!(err, PackError::Tampered { at: Place::Chunk(1) }), "{err:?}");
    let text = anyhow_like(&err);
    assert_eq!(text.matches("altered or damaged").count(), 1, "{text}");
}

/// The error and its sources, joined as `anyhow`'s `{:#}` prints them.
fn anyhow_like(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// Raw archive bytes holding empty files named `names`.
fn raw_archive(names: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for n in names {
        out.push(b'F');
        out.extend_from_slice(&(n.len() as u16).to_be_bytes());
        out.extend_from_slice(n.as_bytes());
        out.extend_from_slice(&0u32.to_be_bytes());
    }
    out.push(b'E');
    out
}

#[test]
fn names_that_would_collide_on_a_disk_are_refused_by_writer_and_reader() {
    let ok = ["clips/clip-1.mp4", "clips/clip-10.mp4", "clips-b", "stills/a.png"];
    assert!(archive::read_all(&mut &raw_archive(&ok)[..], |_, _| Ok(())).is_ok());
    for pair in [["a", "a/b"], ["a/b", "a"], ["Clips/x.mp4", "clips/x.mp4"], ["ÅR.txt", "år.txt"], ["x", "x"]] {
        let err = archive::read_all(&mut &raw_archive(&pair)[..], |_, _| Ok(())).unwrap_err();
        assert!(matches!(err, PackError::BadArchive(_)), "{pair:?}: {err:?}");
        let mut a = archive::ArchiveWriter::new(Vec::new());
        a.add(pair[0], b"1").unwrap();
        assert!(a.add(pair[1], b"2").is_err(), "the writer refuses {pair:?} too");
    }
}

#[test]
fn the_package_id_is_lower_case_hex() {
    let mut bytes = seal(b"x");
    let json_len = u32::from_be_bytes(bytes[10..14].try_into().unwrap()) as usize;
    let json = String::from_utf8(bytes[14..14 + json_len].to_vec()).unwrap();
    let id = json.split("\"package_id\":\"").nth(1).unwrap()[..32].to_string();
    let Some(upper) = id.char_indices().find(|(_, c)| c.is_ascii_lowercase()) else { return };
    let mut changed = id.clone();
    changed.replace_range(upper.0..upper.0 + 1, &upper.1.to_ascii_uppercase().to_string());
    let start = 14 + json.find(&id).unwrap();
    bytes[start..start + 32].copy_from_slice(changed.as_bytes());
    assert!(matches!(PackageReader::open(&bytes[..]).err().unwrap(), PackError::BadHeader(_)));
}
