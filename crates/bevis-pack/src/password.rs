//! Generated package passwords: 24 characters from a 31-letter alphabet without
//! look-alikes (no 0/O, 1/I/L), printed in six groups of four — 118 bits, easy to
//! read over the phone and to type from a slip. Readers ignore dashes, spaces and
//! case (see [`crate::keys::normalise_password`]).

use crate::error::Result;
use crate::keys::random;
use zeroize::Zeroizing;

pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const LENGTH: usize = 24;

/// Entropy of a generated password in bits.
pub fn bits() -> f64 {
    LENGTH as f64 * (ALPHABET.len() as f64).log2()
}

/// A fresh password like `K7QM-2X9R-…`, wiped from memory when dropped.
pub fn generate() -> Result<Zeroizing<String>> {
    let mut out = Zeroizing::new(String::with_capacity(LENGTH + LENGTH / 4));
    let mut byte = [0u8; 1];
    let mut n = 0;
    while n < LENGTH {
        random(&mut byte)?;
        // Rejection sampling keeps every letter equally likely (248 = 8 × 31).
        if byte[0] < 248 {
            if n > 0 && n % 4 == 0 {
                out.push('-');
            }
            out.push(ALPHABET[(byte[0] % 31) as usize] as char);
            n += 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_grouped_and_unambiguous() {
        assert!(bits() >= 100.0);
        let p = generate().unwrap();
        let groups: Vec<&str> = p.split('-').collect();
        assert_eq!(groups.len(), 6);
        assert!(groups.iter().all(|g| g.len() == 4));
        assert!(!p.chars().any(|c| "01OIL".contains(c)));
        assert_ne!(*p, *generate().unwrap());
    }
}
