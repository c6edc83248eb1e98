use bevis_media::synth::{self, Codec, Spec};
use bevis_media::decode::FrameSource;
use bevis_media::frame::Planar;
use bevis_redact::Rect;

#[test]
fn smoke() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cam1_20261121-124000.mp4");
    let spec = Spec::new(320, 240, 25, 2, Codec::H264Mp4);
    synth::write(&p, &spec).unwrap();
    let info = bevis_media::probe(&p).unwrap();
    println!("{}", serde_json::to_string_pretty(&info).unwrap());
    let mut src = FrameSource::open(&p, None).unwrap();
    src.seek(1.0).unwrap();
    let f = src.next_frame().unwrap().unwrap();
    let m = f.map().unwrap();
    let pl = Planar::crop_from(&m, Rect{x:0,y:0,w:320,h:240}).unwrap();
    let n = synth::read_code(|x, y| pl.luma(x, y), synth::block_size(320));
    println!("t={} n={}", f.t, n);
    let vt = bevis_media::probe(std::path::Path::new("/usr/share/doc/opencv-doc/examples/data/vtest.avi")).unwrap();
    println!("{}", serde_json::to_string_pretty(&vt).unwrap());
}
