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
