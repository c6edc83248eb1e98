use bevis_media::synth::{self, Codec, Spec};
use bevis_redact::{EditPlan, Clip, Rect};

#[test]
fn smoke() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("cam1_20261121-124000.mp4");
    let spec = Spec::new(640, 360, 25, 4, Codec::H264Mp4);
    synth::write(&p, &spec).unwrap();
    let mut plan = EditPlan::for_source(&p);
    plan.clips.push(Clip { source: "s1".into(), in_s: 1.0, out_s: 3.0, crop: Some(Rect{x:0,y:0,w:400,h:300}) });
    let out = dir.path().join("out.mp4");
    let mut f = std::fs::File::create(&out).unwrap();
    let t = std::time::Instant::now();
    let r = bevis_media::render::render(&plan, 0, &mut f, &Default::default(), |_| true).unwrap();
    println!("{r:?} {:?}", t.elapsed());
    let o = std::process::Command::new("ffprobe").args(["-v","error","-count_frames","-show_entries","stream=nb_read_frames,width,height,codec_name,profile:format=duration,format_name"]).arg(&out).output().unwrap();
    println!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    std::fs::copy(&out, "/tmp/smoke.mp4").unwrap();
}
