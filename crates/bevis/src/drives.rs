//! Removable drives an export may go to, and what their file system allows.
//!
//! Linux asks `lsblk` (JSON) for removable or hot-plugged devices with a mounted
//! file system; the disk that holds `/` is never offered, whatever it claims.
//! Windows and macOS implementations go behind `cfg` with the same interface
//! (the desktop-app issue); until then they report no drives, and the user can
//! still choose a folder.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A mounted removable drive.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Drive {
    pub device: String,
    pub label: Option<String>,
    pub serial: Option<String>,
    pub fstype: Option<String>,
    pub size: u64,
    pub free: Option<u64>,
    pub mountpoint: PathBuf,
}

/// Largest single file on FAT32.
pub const FAT32_MAX_FILE: u64 = (4 << 30) - 1;

#[derive(Deserialize)]
struct Lsblk {
    blockdevices: Vec<Dev>,
}

#[derive(Deserialize)]
struct Dev {
    path: Option<String>,
    label: Option<String>,
    serial: Option<String>,
    fstype: Option<String>,
    size: Option<u64>,
    fsavail: Option<u64>,
    mountpoint: Option<String>,
    #[serde(default)]
    rm: bool,
    #[serde(default)]
    hotplug: bool,
    #[serde(default)]
    children: Vec<Dev>,
}

/// Parses `lsblk -J -b -o PATH,LABEL,SERIAL,FSTYPE,SIZE,FSAVAIL,MOUNTPOINT,RM,HOTPLUG`.
pub fn parse_lsblk(json: &str) -> Result<Vec<Drive>, serde_json::Error> {
    let all: Lsblk = serde_json::from_str(json)?;
    let mut out = Vec::new();
    for disk in &all.blockdevices {
        let removable = disk.rm || disk.hotplug;
        let holds_root = mounted(disk).any(|d| d.mountpoint.as_deref() == Some("/"));
        if !removable || holds_root {
            continue;
        }
        for d in mounted(disk) {
            let Some(mp) = &d.mountpoint else { continue };
            out.push(Drive {
                device: d.path.clone().unwrap_or_default(),
                label: d.label.clone(),
                serial: disk.serial.clone().or_else(|| d.serial.clone()),
                fstype: d.fstype.clone(),
                size: d.size.unwrap_or(0),
                free: d.fsavail,
                mountpoint: PathBuf::from(mp),
            });
        }
    }
    Ok(out)
}

/// The device and all its partitions that are mounted.
fn mounted(d: &Dev) -> Box<dyn Iterator<Item = &Dev> + '_> {
    let own = d.mountpoint.is_some().then_some(d);
    Box::new(own.into_iter().chain(d.children.iter().flat_map(mounted)))
}

/// Removable drives mounted now.
#[cfg(target_os = "linux")]
pub fn list() -> std::io::Result<Vec<Drive>> {
    let out = std::process::Command::new("lsblk")
        .args(["-J", "-b", "-o", "PATH,LABEL,SERIAL,FSTYPE,SIZE,FSAVAIL,MOUNTPOINT,RM,HOTPLUG"])
        .output()?;
    if !out.status.success() {
        return Err(std::io::Error::other(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    parse_lsblk(&String::from_utf8_lossy(&out.stdout)).map_err(std::io::Error::other)
}

#[cfg(not(target_os = "linux"))]
pub fn list() -> std::io::Result<Vec<Drive>> {
    Ok(Vec::new())
}

/// The file system type of the mount holding `path` (Linux: from /proc/self/mounts).
pub fn fs_type(path: &Path) -> Option<String> {
    let path = std::fs::canonicalize(path).ok()?;
    let mounts = std::fs::read_to_string("/proc/self/mounts").ok()?;
    mounts
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let (_, mp, ty) = (f.next()?, f.next()?, f.next()?);
            let mp = mp.replace("\\040", " ");
            path.starts_with(&mp).then(|| (mp.len(), ty.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, ty)| ty)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{"blockdevices":[
      {"path":"/dev/nvme0n1","label":null,"serial":"S1","fstype":null,"size":512110190592,"fsavail":null,"mountpoint":null,"rm":false,"hotplug":false,
       "children":[{"path":"/dev/nvme0n1p2","label":null,"serial":null,"fstype":"ext4","size":511,"fsavail":100,"mountpoint":"/","rm":false,"hotplug":false}]},
      {"path":"/dev/sda","label":null,"serial":"USB123","fstype":null,"size":32010928128,"fsavail":null,"mountpoint":null,"rm":true,"hotplug":true,
       "children":[{"path":"/dev/sda1","label":"POLIS","serial":null,"fstype":"vfat","size":32008830976,"fsavail":31000000000,"mountpoint":"/media/anna/POLIS","rm":true,"hotplug":true}]},
      {"path":"/dev/sdb","label":null,"serial":"EVIL","fstype":null,"size":1,"fsavail":null,"mountpoint":null,"rm":true,"hotplug":true,
       "children":[{"path":"/dev/sdb1","label":"SYS","serial":null,"fstype":"ext4","size":1,"fsavail":1,"mountpoint":"/","rm":true,"hotplug":true}]},
      {"path":"/dev/sdc","label":null,"serial":"U2","fstype":null,"size":8,"fsavail":null,"mountpoint":null,"rm":true,"hotplug":true,
       "children":[{"path":"/dev/sdc1","label":"UNMOUNTED","serial":null,"fstype":"exfat","size":8,"fsavail":null,"mountpoint":null,"rm":true,"hotplug":true}]}
    ]}"#;

    #[test]
    fn only_mounted_removable_drives_and_never_the_system_disk() {
        let drives = parse_lsblk(SAMPLE).unwrap();
        assert_eq!(drives.len(), 1, "{drives:?}");
        let d = &drives[0];
        assert_eq!(
            (d.device.as_str(), d.label.as_deref(), d.fstype.as_deref()),
            ("/dev/sda1", Some("POLIS"), Some("vfat"))
        );
        assert_eq!(d.serial.as_deref(), Some("USB123"));
        assert_eq!(d.mountpoint, PathBuf::from("/media/anna/POLIS"));
    }

    #[test]
    fn fs_type_of_the_root_is_known() {
        assert!(fs_type(Path::new("/")).is_some());
    }
}
