//! The whole generator (parse, resolve, emit, format) on arbitrary text.
//!
//! Never panics, overflows or hangs; whatever is refused is an `Error`, and
//! the generator never emits Rust that does not parse (`Error::Format`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader reads files as UTF-8 (other bytes are an I/O error before
    // parsing, tested in codegen/tests/errors.rs).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match awsgen_codegen::Config::from_json(text, "<fuzz>").generate_single_file() {
        Ok(code) => assert!(code.contains("@generated")),
        Err(awsgen_codegen::Error::Format { file, message }) => {
            panic!("the generator emitted Rust that does not parse, in {file}: {message}")
        }
        Err(error) => assert!(!error.to_string().is_empty()),
    }
});
