//! Percent-encoding (RFC 3986) with a byte class per use: what SigV4 and the
//! endpoint rules need, without a general-purpose crate.

/// The ASCII bytes a [`encode`] keeps as they are; every other byte
/// (controls, non-ASCII, and the ones left out) becomes `%XX`.
#[derive(Clone, Copy)]
pub(crate) struct Keep([bool; 128]);

impl Keep {
    /// RFC 3986 unreserved characters: `A-Z a-z 0-9 - . _ ~`.
    pub(crate) const UNRESERVED: Keep = Keep::none()
        .range(b'A', b'Z')
        .range(b'a', b'z')
        .range(b'0', b'9')
        .with(b"-._~");

    const fn none() -> Self {
        Keep([false; 128])
    }

    /// Every visible ASCII character (`!` to `~`).
    pub(crate) const fn visible() -> Self {
        Keep::none().range(b'!', b'~')
    }

    const fn range(mut self, first: u8, last: u8) -> Self {
        let mut byte = first;
        while byte <= last {
            self.0[byte as usize] = true;
            byte += 1;
        }
        self
    }

    /// These bytes kept too.
    pub(crate) const fn with(self, bytes: &[u8]) -> Self {
        self.set(bytes, true)
    }

    /// These bytes encoded after all.
    pub(crate) const fn without(self, bytes: &[u8]) -> Self {
        self.set(bytes, false)
    }

    const fn set(mut self, bytes: &[u8], keep: bool) -> Self {
        let mut i = 0;
        while i < bytes.len() {
            self.0[bytes[i] as usize] = keep;
            i += 1;
        }
        self
    }

    fn keeps(&self, byte: u8) -> bool {
        byte < 128 && self.0[usize::from(byte)]
    }

    /// Whether [`encode`] would leave `text` as it is.
    pub(crate) fn keeps_all(&self, text: &str) -> bool {
        text.bytes().all(|byte| self.keeps(byte))
    }
}

/// Whether `text` is already in the form [`encode`] gives to ASCII text with
/// `keep`: kept bytes as they are, every other ASCII byte as `%XX` in
/// upper-case hex (so decoding and encoding again changes nothing). Anything
/// else (a `%XX` of a kept or a non-ASCII byte, lower-case hex, a bare `%`, a
/// byte `keep` would encode) answers `false`.
pub(crate) fn is_encoded(text: &str, keep: &Keep) -> bool {
    let hex = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if keep.keeps(bytes[i]) {
            i += 1;
            continue;
        }
        let escaped = match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&high), Some(&low)) => hex(high).zip(hex(low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) if (high << 4 | low) < 0x80 && !keep.keeps(high << 4 | low) => i += 3,
            _ => return false,
        }
    }
    true
}

/// Appends `text` to `out`, percent-encoding (uppercase hex) each byte of its
/// UTF-8 that `keep` does not keep.
pub(crate) fn encode_into(out: &mut String, text: &str, keep: &Keep) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if keep.keeps(byte) {
            // Kept bytes are ASCII.
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

/// `text` percent-encoded (see [`encode_into`]).
pub(crate) fn encode(text: &str, keep: &Keep) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text, keep);
    out
}

/// Decodes every `%XX` (hex digits in either case) to its byte; a `%` not
/// followed by two hex digits stays as it is.
pub(crate) fn decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(0));
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_stay_and_the_rest_is_encoded() {
        assert_eq!(
            encode("aZ09-._~ /?é😀", &Keep::UNRESERVED),
            "aZ09-._~%20%2F%3F%C3%A9%F0%9F%98%80"
        );
        let path = Keep::visible().without(b"%:").with(b"");
        assert_eq!(encode("/a%2Fb:c d", &path), "/a%252Fb%3Ac%20d");
        assert_eq!(encode("\u{7f}\t", &Keep::visible()), "%7F%09");
    }

    #[test]
    fn encoded_text_is_recognized_exactly() {
        let keep = Keep::UNRESERVED;
        for text in ["", "aZ09-._~", "a%20b%2F%3D", "%7F%00"] {
            assert!(is_encoded(text, &keep), "{text}");
            let again = encode(&String::from_utf8_lossy(&decode(text)), &keep);
            assert_eq!(again, text);
        }
        // Each would change when decoded and encoded again (or is not ASCII).
        for text in [
            "a b", "a+b", "%41", "%2f", "%C3%A9", "100%", "%4", "é", "a/b",
        ] {
            assert!(!is_encoded(text, &keep), "{text}");
        }
    }

    #[test]
    fn decoding_keeps_what_is_not_an_escape() {
        assert_eq!(decode("a%20b%2f%C3%A9"), "a b/é".as_bytes());
        assert_eq!(decode("100%"), b"100%");
        assert_eq!(decode("%zz%4"), b"%zz%4");
    }
}
