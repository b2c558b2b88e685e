'use strict';
// Reads a PNG as Chromium writes a screenshot (8-bit RGB or RGBA, not interlaced) into its size and
// pixels, with Node's zlib (PNG's IDAT data is one zlib stream of filtered rows; PNG spec 1.2, ch. 6, 9).
const zlib = require('node:zlib');

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a, b, c) {
	const p = a + b - c;
	const pa = Math.abs(p - a);
	const pb = Math.abs(p - b);
	const pc = Math.abs(p - c);
	if (pa <= pb && pa <= pc) return a;
	return pb <= pc ? b : c;
}

/** Returns { width, height, channels, pixels } (pixels: one byte per channel, rows top to bottom). */
function decodePng(buffer) {
	if (!buffer.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
	let offset = 8;
	let header;
	const data = [];
	while (offset < buffer.length) {
		const length = buffer.readUInt32BE(offset);
		const type = buffer.toString('latin1', offset + 4, offset + 8);
		const body = buffer.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR')
			header = {
				width: body.readUInt32BE(0),
				height: body.readUInt32BE(4),
				bitDepth: body[8],
				colorType: body[9],
				interlace: body[12],
			};
		else if (type === 'IDAT') data.push(body);
		else if (type === 'IEND') break;
		offset += 12 + length;
	}
	if (!header) throw new Error('PNG without IHDR');
	const channels = { 2: 3, 6: 4 }[header.colorType];
	if (header.bitDepth !== 8 || !channels || header.interlace !== 0)
		throw new Error(
			`unsupported PNG: bit depth ${header.bitDepth}, colour type ${header.colorType}, interlace ${header.interlace}`,
		);
	const raw = zlib.inflateSync(Buffer.concat(data));
	const stride = header.width * channels;
	const pixels = Buffer.alloc(stride * header.height);
	for (let y = 0; y < header.height; y++) {
		const filter = raw[y * (stride + 1)];
		const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
		const out = y * stride;
		for (let x = 0; x < stride; x++) {
			const left = x >= channels ? pixels[out + x - channels] : 0;
			const up = y > 0 ? pixels[out - stride + x] : 0;
			const upLeft = y > 0 && x >= channels ? pixels[out - stride + x - channels] : 0;
			let value;
			switch (filter) {
				case 0:
					value = line[x];
					break;
				case 1:
					value = line[x] + left;
					break;
				case 2:
					value = line[x] + up;
					break;
				case 3:
					value = line[x] + ((left + up) >> 1);
					break;
				case 4:
					value = line[x] + paeth(left, up, upLeft);
					break;
				default:
					throw new Error(`unknown PNG row filter ${filter}`);
			}
			pixels[out + x] = value & 0xff;
		}
	}
	return { width: header.width, height: header.height, channels, pixels };
}

/**
 * What a person sees at a glance: the share of pixels that differ from the most common colour
 * (0 for a blank image) and how many distinct colours there are (text and icons bring dozens).
 */
function pictureStats({ width, height, channels, pixels }) {
	const counts = new Map();
	for (let i = 0; i < width * height; i++) {
		const at = i * channels;
		const key = (pixels[at] << 16) | (pixels[at + 1] << 8) | pixels[at + 2];
		counts.set(key, (counts.get(key) || 0) + 1);
	}
	const dominant = Math.max(...counts.values());
	return { colours: counts.size, nonBackground: 1 - dominant / (width * height) };
}

/**
 * Checks a screenshot as a person would glance at it: the PNG is the area asked for (Chromium at
 * device scale 1 writes one pixel per CSS pixel), at least `minSize` big, and not blank (a share
 * of its pixels differs from the background colour, in the many colours of text and icons).
 * Throws with what it saw; returns that description otherwise.
 */
function checkPicture(buffer, clip, minSize) {
	const png = decodePng(buffer);
	const { colours, nonBackground } = pictureStats(png);
	const seen = `${png.width}x${png.height} px, ${colours} colours, ${(nonBackground * 100).toFixed(1)} % off the background`;
	// Within a pixel: the clip's edges may fall between pixels.
	const problems = [];
	if (Math.abs(png.width - clip.width) > 1 || Math.abs(png.height - clip.height) > 1)
		problems.push(`not the ${Math.round(clip.width)}x${Math.round(clip.height)} clip`);
	if (png.width < minSize.width || png.height < minSize.height)
		problems.push(`smaller than ${minSize.width}x${minSize.height}`);
	if (colours < 16 || nonBackground < 0.02) problems.push('blank');
	if (problems.length) throw new Error(`the screenshot is ${problems.join(', ')}: ${seen}`);
	return seen;
}

/** Writes 8-bit RGB pixels as a PNG (filter 0 on every row): test images for checkPicture. */
function encodePng(width, height, rgbAt) {
	const raw = Buffer.alloc(height * (1 + width * 3));
	for (let y = 0; y < height; y++) {
		const row = y * (1 + width * 3);
		for (let x = 0; x < width; x++) {
			const [r, g, b] = rgbAt(x, y);
			raw.set([r, g, b], row + 1 + x * 3);
		}
	}
	const chunk = (type, body) => {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(body.length, 0);
		head.write(type, 4, 'latin1');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), body])), 0);
		return Buffer.concat([head, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([
		SIGNATURE,
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

module.exports = { decodePng, pictureStats, checkPicture, encodePng };
