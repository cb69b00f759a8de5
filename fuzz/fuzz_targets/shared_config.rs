//! The shared config and credentials file parser: the input is the config
//! file's text, a NUL byte, and the credentials file's text. Parsing ends in
//! profiles or an error naming the file and line; never a panic.

#![no_main]

use awsgen_runtime::auth::ProfileSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (config, credentials) = match text.split_once('\0') {
        Some((config, credentials)) => (Some(config), Some(credentials)),
        None => (Some(text.as_ref()), None),
    };
    match ProfileSet::parse(config, credentials) {
        Ok(set) => {
            for profile in set.profiles() {
                for (key, value) in profile.properties() {
                    assert_eq!(
                        profile.get(key),
                        Some(value),
                        "property {key} of {}",
                        profile.name()
                    );
                }
            }
        }
        Err(error) => assert!(error.line() >= 1 && !error.message().is_empty()),
    }
});
