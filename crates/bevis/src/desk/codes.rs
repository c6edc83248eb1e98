//! Stable codes for the errors a user meets in normal work, with the facts a
//! message needs (file name, sizes, codec), so a front end can word them in the
//! user's language. The English `Display` text stays the detail (and what the
//! CLI prints); errors without a code reach the user in English.

use super::DeskError;
use crate::export::ExportError;
use bevis_detect::DetectError;
use bevis_media::MediaError;
use bevis_pack::PackError;
use std::collections::BTreeMap;
use std::path::Path;

/// An error's code and parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    pub code: &'static str,
    pub params: BTreeMap<&'static str, String>,
}

fn coded(code: &'static str, params: &[(&'static str, String)]) -> Option<Coded> {
    Some(Coded { code, params: params.iter().cloned().collect() })
}

/// The file name only: enough to recognise it, and no folder layout on screen.
fn file(path: &Path) -> (&'static str, String) {
    let name = path.file_name().unwrap_or(path.as_os_str());
    ("file", name.to_string_lossy().into_owned())
}

impl DeskError {
    /// The code for this error, if the front end words it itself.
    pub fn coded(&self) -> Option<Coded> {
        use bevis_register::accounts::LoginError;
        match self {
            DeskError::Login(LoginError::BadCredentials) => coded("login", &[]),
            DeskError::Login(LoginError::Locked(_)) => coded("login_locked", &[]),
            DeskError::Login(LoginError::Disabled) => coded("login_disabled", &[]),
            DeskError::Forbidden(why) => coded("forbidden", &[("why", why.clone())]),
            DeskError::NotInitialised(_) => coded("not_initialised", &[]),
            DeskError::Media(e) => media(e),
            DeskError::Preview(crate::preview::PreviewError::Media(e)) => media(e),
            DeskError::Export(e) => export(e),
            DeskError::Detect(DetectError::Model(_)) => coded("detect_model", &[]),
            DeskError::Detect(DetectError::Cancelled) => coded("detect_cancelled", &[]),
            _ => None,
        }
    }
}

fn media(e: &MediaError) -> Option<Coded> {
    match e {
        MediaError::Io { path, .. } => coded("media_unreadable", &[file(path)]),
        MediaError::Empty { path } => coded("media_empty", &[file(path)]),
        MediaError::NotVideo { path, .. } => coded("media_not_video", &[file(path)]),
        MediaError::NoVideo { path } => coded("media_no_video", &[file(path)]),
        MediaError::UnsupportedCodec { path, codec } => coded("media_codec", &[file(path), ("codec", codec.clone())]),
        MediaError::AbsurdSize { path, width, height } => {
            coded("media_size", &[file(path), ("size", format!("{width}×{height}"))])
        }
        MediaError::Corrupt { path, .. } => coded("media_corrupt", &[file(path)]),
        MediaError::Timeout { path, .. } => coded("media_timeout", &[file(path)]),
        MediaError::EmptyFolder { path } => coded("media_empty_folder", &[file(path)]),
        MediaError::MissingElement(element) => coded("media_plugin", &[("element", element.to_string())]),
        MediaError::Output(_) => coded("export_write", &[]),
        _ => None,
    }
}

fn export(e: &ExportError) -> Option<Coded> {
    match e {
        ExportError::Media(e) => media(e),
        ExportError::NoSpace { free_mb, need_mb } => {
            coded("export_space", &[("free", free_mb.to_string()), ("need", need_mb.to_string())])
        }
        ExportError::Io(_) | ExportError::Pack(PackError::Io(_)) => coded("export_write", &[]),
        ExportError::ReadBack(_) => coded("export_readback", &[]),
        ExportError::Cancelled => coded("export_cancelled", &[]),
        ExportError::Fat32Limit => coded("export_fat32", &[]),
        ExportError::StillOutside { at, clip, .. } => {
            coded("export_still", &[("at", format!("{at:.1}")), ("clip", clip.to_string())])
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn media_errors_carry_the_file_name_only() {
        let path = PathBuf::from("/media/nvr/skola/cam1_20261121.mp4");
        let e = DeskError::Media(MediaError::UnsupportedCodec { path, codec: "H.266".into() });
        let c = e.coded().unwrap();
        assert_eq!(c.code, "media_codec");
        assert_eq!(c.params["file"], "cam1_20261121.mp4");
        assert_eq!(c.params["codec"], "H.266");
    }

    #[test]
    fn export_errors_through_every_wrapper() {
        let e = DeskError::Export(ExportError::NoSpace { free_mb: 12, need_mb: 80 });
        let c = e.coded().unwrap();
        assert_eq!((c.code, c.params["free"].as_str(), c.params["need"].as_str()), ("export_space", "12", "80"));
        let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(DeskError::Export(ExportError::Io(gone)).coded().unwrap().code, "export_write");
        let corrupt = MediaError::Corrupt { path: "a.avi".into(), detail: "x".into() };
        assert_eq!(DeskError::Export(ExportError::Media(corrupt)).coded().unwrap().code, "media_corrupt");
        assert_eq!(DeskError::Detect(DetectError::Model("gone".into())).coded().unwrap().code, "detect_model");
        assert_eq!(DeskError::Invalid("anything".into()).coded(), None, "the rest stays in English");
    }
}
