//! The SHA-256 tree hash Glacier requires of uploads: the SHA-256 of each
//! 1 MiB chunk, then of each pair of hashes, level by level, up to one.

use sha2::{Digest as _, Sha256};

const CHUNK: usize = 1024 * 1024;

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    out
}

/// The hex SHA-256 of `body` and its hex SHA-256 tree hash.
pub(crate) fn sha256_and_tree_hash(body: &[u8]) -> (String, String) {
    let linear = Sha256::digest(body);
    let mut level: Vec<[u8; 32]> = if body.is_empty() {
        vec![linear.into()]
    } else {
        body.chunks(CHUNK)
            .map(|chunk| Sha256::digest(chunk).into())
            .collect()
    };
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => {
                    let mut hasher = Sha256::new();
                    hasher.update(left);
                    hasher.update(right);
                    hasher.finalize().into()
                }
                [single] => *single,
                _ => [0; 32],
            })
            .collect();
    }
    let tree = level.first().map_or_else(String::new, |root| hex(root));
    (hex(&linear), tree)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn one_chunk_hashes_to_its_sha256() {
        let (linear, tree) = sha256_and_tree_hash(b"hello world");
        let expected = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!((linear.as_str(), tree.as_str()), (expected, expected));
    }

    #[test]
    fn chunks_combine_pairwise_with_an_odd_one_carried_up() {
        let body = vec![7u8; 3 * CHUNK + 10];
        let chunk = |i: usize| -> [u8; 32] {
            Sha256::digest(&body[i * CHUNK..((i + 1) * CHUNK).min(body.len())]).into()
        };
        let pair = |a: [u8; 32], b: [u8; 32]| -> [u8; 32] {
            let mut hasher = Sha256::new();
            hasher.update(a);
            hasher.update(b);
            hasher.finalize().into()
        };
        let root = pair(pair(chunk(0), chunk(1)), pair(chunk(2), chunk(3)));
        assert_eq!(sha256_and_tree_hash(&body).1, hex(&root));
        let three = vec![1u8; 2 * CHUNK + 1];
        let c = |i: usize| -> [u8; 32] {
            Sha256::digest(&three[i * CHUNK..((i + 1) * CHUNK).min(three.len())]).into()
        };
        assert_eq!(
            sha256_and_tree_hash(&three).1,
            hex(&pair(pair(c(0), c(1)), c(2)))
        );
    }
}
