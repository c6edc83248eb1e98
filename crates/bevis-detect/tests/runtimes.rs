//! ONNX Runtime and tract give the same answers: the person model converted from
//! TensorFlow to ONNX (tf2onnx) and the face model made any-size are the same
//! networks, so the faster runtime changes nothing a user sees. On OpenCV's
//! `messi5.jpg` (players and a crowd) both runtimes find the same boxes.

use bevis_detect::face::{FACE_MODEL_FILE, FaceDetector};
use bevis_detect::{Detection, Detector, SIZE, default_model_path, model_path, onnxrt};

fn photo() -> image::RgbImage {
    image::open("/usr/share/doc/opencv-doc/examples/data/messi5.jpg").unwrap().to_rgb8()
}

/// Pairs each box of `a` with the nearest of `b` and checks they are the same.
fn assert_same(a: &[Detection], b: &[Detection], what: &str) {
    assert!(!a.is_empty(), "{what}: something is found");
    assert_eq!(a.len(), b.len(), "{what}: as many boxes ({a:?} vs {b:?})");
    for d in a {
        let near = b.iter().min_by(|p, q| {
            let dist = |e: &&Detection| (e.x - d.x).abs() + (e.y - d.y).abs() + (e.w - d.w).abs() + (e.h - d.h).abs();
            dist(p).total_cmp(&dist(q))
        });
        let e = near.unwrap();
        let off = (e.x - d.x).abs().max((e.y - d.y).abs()).max((e.w - d.w).abs()).max((e.h - d.h).abs());
        assert!(off < 0.002, "{what}: the same box ({d:?} vs {e:?})");
        assert!((e.score - d.score).abs() < 0.01, "{what}: the same score ({d:?} vs {e:?})");
    }
}

#[test]
fn onnx_runtime_is_installed_and_finds_the_same_people_and_faces_as_tract() {
    assert!(onnxrt::available(), "scripts/setup.sh installs ONNX Runtime in models/");
    let fast = Detector::load(&default_model_path()).unwrap();
    let slow = Detector::load_tract(&default_model_path()).unwrap();
    assert_eq!((fast.runtime(), slow.runtime()), ("onnxruntime", "tract"));
    let small = image::imageops::resize(&photo(), SIZE as u32, SIZE as u32, image::imageops::FilterType::Triangle);
    let people = |d: &Detector| bevis_detect::nms(d.raw(small.as_raw(), 0.3).unwrap(), 0.5);
    assert_same(&people(&fast), &people(&slow), "people");

    let img = photo();
    let size = (img.width() as usize, img.height() as usize);
    let path = model_path(FACE_MODEL_FILE);
    let faces = |d: FaceDetector| d.faces(img.as_raw(), size, 0.3).unwrap();
    let (fast, slow) = (FaceDetector::load(&path, size).unwrap(), FaceDetector::load_tract(&path, size).unwrap());
    assert_same(&faces(fast), &faces(slow), "faces");
}
