//! Manifest parsing and signature checking.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bevis_pack::manifest::Manifest::from_bytes(data);
    if data.len() > 64 {
        let (sig, manifest) = data.split_at(64);
        let _ = bevis_pack::manifest::verify(manifest, sig);
    }
});
