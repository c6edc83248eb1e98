//! Mutation runs over the parsers a hostile file reaches first: the clear header
//! and the manifest. Nothing may panic; every input gets a typed error or a value.
//! (cargo-fuzz needs a nightly toolchain this project does not assume; these runs
//! are deterministic and part of every test run.)

use bevis_pack::container::{Meta, Params};
use bevis_pack::manifest::Manifest;
use bevis_pack::{PackageReader, PackageWriter};
use std::io::Write;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            2 => v.truncate(rng.below(v.len() + 1)),
            3 => {
                let i = rng.below(v.len() + 1);
                let junk: Vec<u8> = (0..rng.below(40)).map(|_| rng.next() as u8).collect();
                v.splice(i..i, junk);
            }
            _ if !v.is_empty() => {
                let i = rng.below(v.len());
                let j = rng.below(v.len());
                v.swap(i, j);
            }
            _ => {}
        }
    }
    v
}

#[test]
fn header_parser_survives_mutations() {
    let meta = Meta {
        case_ref: "K-1".into(),
        issuer: "Skolan".into(),
        created_at: "2026-11-22T10:00:00Z".into(),
        delete_by: "2027-01-01".into(),
    };
    let mut w = PackageWriter::create(Vec::new(), &meta, "PW", &Params::default()).unwrap();
    w.write_all(b"payload").unwrap();
    let good = w.finish().unwrap();
    let mut rng = Rng(0xDEADBEEFCAFEF00D);
    let mut accepted = 0;
    for _ in 0..20_000 {
        let input = mutate(&mut rng, &good);
        if let Ok(locked) = PackageReader::open(&input[..]) {
            accepted += 1;
            let _ = locked.check_length(input.len() as u64);
        }
    }
    // Mutations that touch only the payload leave the header readable; that is fine.
    assert!(accepted < 20_000);
}

#[test]
fn manifest_parser_survives_mutations() {
    let good = br#"{"format":"bevis-manifest/1","package_id":"00","case_ref":"K","issuer":"S","operator":"A","reason":"r","recipient":null,
        "exported_at":"x","delete_by":"2027-01-01","software":"Bevis","audit_head":null,"redaction_mode":"BlurTracks","redaction_tracks":0,
        "clips":[],"files":[],"signing_key":"00"}"#;
    assert!(Manifest::from_bytes(good).is_ok());
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let input = mutate(&mut rng, good);
        let _ = Manifest::from_bytes(&input);
        let _ = bevis_pack::manifest::verify(&input, &[0u8; 64]);
    }
}
