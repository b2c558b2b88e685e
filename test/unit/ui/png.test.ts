import { readRepoBytes } from '../../helpers/repo';
import { checkPicture, decodePng, encodePng } from '../../ui/lib/png';

/*
 * The browser suite's screenshot check (test/ui/lib/png.js checkPicture): a panel shot counts only
 * when it is the clip asked for, at least the panel's minimum size, and not blank.
 */
const WHITE = [255, 255, 255];
const blank = (w: number, h: number) => encodePng(w, h, () => WHITE);
// Dark "text" strokes in 40 shades on every fourth row: what a panel's labels look like at a glance.
const panel = (w: number, h: number) =>
	encodePng(w, h, (x: number, y: number) => (y % 4 === 0 && x % 7 < 5 ? [x % 40, 30, 60] : WHITE));
const MIN = { width: 300, height: 200 };

describe('checkPicture', () => {
	it('accepts a panel-like image of the clip size and says what it saw', () => {
		expect(checkPicture(panel(400, 300), { width: 400, height: 300 }, MIN)).toMatch(
			/^400x300 px, 41 colours, \d+\.\d % off the background$/,
		);
	});

	it('allows the clip edge to fall between pixels', () => {
		expect(() => checkPicture(panel(400, 300), { width: 400.6, height: 299.5 }, MIN)).not.toThrow();
	});

	it('refuses a blank image', () => {
		expect(() => checkPicture(blank(400, 300), { width: 400, height: 300 }, MIN)).toThrow(
			/is blank: 400x300 px, 1 colours, 0\.0 % off/,
		);
	});

	it('refuses an image that is not the clip', () => {
		expect(() => checkPicture(panel(400, 300), { width: 640, height: 300 }, MIN)).toThrow(
			/not the 640x300 clip/,
		);
	});

	it('refuses an image smaller than the panel', () => {
		expect(() => checkPicture(panel(200, 100), { width: 200, height: 100 }, MIN)).toThrow(
			/smaller than 300x200/,
		);
	});

	it("decodes a screenshot Chromium wrote (the repository's Qase TestOps panel) to its IHDR size", () => {
		const file = readRepoBytes('docs/images/qaseTestOps.png');
		const png = decodePng(file);
		expect([png.width, png.height]).toEqual([file.readUInt32BE(16), file.readUInt32BE(20)]);
		expect(png.pixels.length).toBe(png.width * png.height * png.channels);
		expect(() => checkPicture(file, { width: png.width, height: png.height }, MIN)).not.toThrow();
	});
});
