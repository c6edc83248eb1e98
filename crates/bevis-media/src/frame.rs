//! A decoded, cropped frame in tightly packed I420, owned by Rust.
//!
//! Render and preview both go decoder → [`Planar::crop_from`] → redaction → (encoder
//! | RGBA for the screen). Cropping while copying out of the decoder's buffer costs
//! one pass over the kept pixels and gives the redaction kernels memory they may
//! write to.

use crate::error::{MediaError, Result};
use bevis_redact::{FrameLayout, Rect, YuvFrame};
use gstreamer as gst;
use gstreamer_video as gst_video;
use gstreamer_video::prelude::*;

/// An I420 frame in GStreamer's default layout (rows padded to 4 bytes), so the
/// memory can be handed to encoders and converters as it is. Width and height are even.
#[derive(Clone)]
pub struct Planar {
    pub width: usize,
    pub height: usize,
    pub data: Vec<u8>,
    pub strides: [usize; 3],
    pub offsets: [usize; 3],
}

/// Aligns a crop rectangle to the 2×2 chroma grid, inside a `w`×`h` frame.
pub fn align_crop(r: Rect, w: u32, h: u32) -> Option<Rect> {
    let r = r.clamp_to(w as i64, h as i64)?;
    let (x, y) = (r.x & !1, r.y & !1);
    let (cw, ch) = ((r.right() - x) & !1, (r.bottom() - y) & !1);
    (cw >= 2 && ch >= 2).then_some(Rect { x, y, w: cw, h: ch })
}

impl Planar {
    /// A black frame of `width`×`height`.
    pub fn blank(width: usize, height: usize) -> Result<Planar> {
        crate::pipeline::init()?;
        let info = gst_video::VideoInfo::builder(gst_video::VideoFormat::I420, width as u32, height as u32)
            .build()
            .map_err(|e| MediaError::Pipeline(e.to_string()))?;
        let strides = [0, 1, 2].map(|i| info.stride()[i] as usize);
        let offsets = [0, 1, 2].map(|i| info.offset()[i]);
        let mut data = vec![16u8; info.size()];
        data[offsets[1]..].fill(128);
        Ok(Planar { width, height, data, strides, offsets })
    }

    /// Copies `crop` (already aligned, inside the frame) out of a decoded I420 frame.
    pub fn crop_from(frame: &gst_video::VideoFrameRef<&gst::BufferRef>, crop: Rect) -> Result<Planar> {
        let mut out = Planar::blank(crop.w as usize, crop.h as usize)?;
        for (plane, div) in [(0usize, 1usize), (1, 2), (2, 2)] {
            let src = frame.plane_data(plane as u32).map_err(|e| MediaError::Pipeline(e.to_string()))?;
            let stride = frame.plane_stride()[plane] as usize;
            let (x0, y0, pw, ph) = (crop.x as usize / div, crop.y as usize / div, out.width / div, out.height / div);
            let (dst_off, dst_stride) = (out.offsets[plane], out.strides[plane]);
            for row in 0..ph {
                let s = (y0 + row) * stride + x0;
                let d = dst_off + row * dst_stride;
                out.data[d..d + pw].copy_from_slice(&src[s..s + pw]);
            }
        }
        Ok(out)
    }

    /// A mutable view for the redaction kernels.
    pub fn yuv(&mut self) -> YuvFrame<'_> {
        let (width, height, strides, offsets) = (self.width, self.height, self.strides, self.offsets);
        YuvFrame { layout: FrameLayout::I420, width, height, data: &mut self.data, strides, offsets }
    }

    pub fn video_info(&self) -> Result<gst_video::VideoInfo> {
        gst_video::VideoInfo::builder(gst_video::VideoFormat::I420, self.width as u32, self.height as u32)
            .build()
            .map_err(|e| MediaError::Pipeline(e.to_string()))
    }

    /// Luma sample at (x, y).
    pub fn luma(&self, x: usize, y: usize) -> u8 {
        self.data[y * self.strides[0] + x]
    }

    /// Scales and converts to packed RGBA (`width`×`height`).
    pub fn to_rgba(&self, width: u32, height: u32) -> Result<Vec<u8>> {
        self.convert(width, height, gst_video::VideoFormat::Rgba, 4)
    }

    /// Scales and converts to packed RGB (`width`×`height`), e.g. for JPEG.
    pub fn to_rgb(&self, width: u32, height: u32) -> Result<Vec<u8>> {
        self.convert(width, height, gst_video::VideoFormat::Rgb, 3)
    }

    /// One conversion; the converter is cached per thread for the same sizes, so
    /// playback does not rebuild GStreamer's scaler tables for every frame.
    fn convert(&self, width: u32, height: u32, format: gst_video::VideoFormat, bpp: usize) -> Result<Vec<u8>> {
        let pe = |e: gst::glib::BoolError| MediaError::Pipeline(e.to_string());
        let in_info = self.video_info()?;
        let out_info = gst_video::VideoInfo::builder(format, width, height).build().map_err(pe)?;
        let src = gst::Buffer::from_slice(self.data.clone());
        let src = gst_video::VideoFrame::from_buffer_readable(src, &in_info).map_err(|_| pipeline_err("map"))?;
        let dest = gst::Buffer::with_size(out_info.size()).map_err(pe)?;
        let mut dest = gst_video::VideoFrame::from_buffer_writable(dest, &out_info).map_err(|_| pipeline_err("map"))?;
        CONVERTER.with(|cell| -> Result<()> {
            let mut cached = cell.borrow_mut();
            if !matches!(&*cached, Some((i, o, _)) if *i == in_info && *o == out_info) {
                let mut config = gst_video::VideoConverterConfig::new();
                config.set_threads(2);
                let conv = gst_video::VideoConverter::new(&in_info, &out_info, Some(config)).map_err(pe)?;
                *cached = Some((in_info.clone(), out_info.clone(), conv));
            }
            cached.as_ref().expect("just set").2.frame(&src, &mut dest);
            Ok(())
        })?;
        let stride = dest.plane_stride()[0] as usize;
        let plane = dest.plane_data(0).map_err(pe)?;
        let row = width as usize * bpp;
        let mut out = Vec::with_capacity(row * height as usize);
        for y in 0..height as usize {
            out.extend_from_slice(&plane[y * stride..y * stride + row]);
        }
        Ok(out)
    }
}

type Cached = Option<(gst_video::VideoInfo, gst_video::VideoInfo, gst_video::VideoConverter)>;

thread_local! {
    static CONVERTER: std::cell::RefCell<Cached> = const { std::cell::RefCell::new(None) };
}

fn pipeline_err(what: &str) -> MediaError {
    MediaError::Pipeline(format!("could not {what} a video frame"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crop_is_aligned_to_even_pixels_and_clamped() {
        let r = align_crop(Rect { x: 3, y: 5, w: 101, h: 51 }, 1920, 1080).unwrap();
        assert_eq!(r, Rect { x: 2, y: 4, w: 102, h: 52 });
        let r = align_crop(Rect { x: 1900, y: 0, w: 100, h: 100 }, 1918, 1078).unwrap();
        assert_eq!(r, Rect { x: 1900, y: 0, w: 18, h: 100 });
        assert_eq!(align_crop(Rect { x: 5000, y: 0, w: 10, h: 10 }, 1920, 1080), None);
    }
}
