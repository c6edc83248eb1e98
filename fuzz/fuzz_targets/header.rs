//! The clear header and the length check: what a hostile file reaches first.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(locked) = bevis_pack::PackageReader::open(data) {
        let _ = locked.check_length(data.len() as u64);
    }
});
