import type { PNG } from 'pngjs';

/** How many of the PNG's pixels have this colour (within a step of rounding). */
export const pixelsOfColour = (png: PNG, [red, green, blue]: readonly [number, number, number]) => {
  let count = 0;
  for (let offset = 0; offset < png.data.length; offset += 4) {
    if (
      Math.abs((png.data[offset] as number) - red) <= 4 &&
      Math.abs((png.data[offset + 1] as number) - green) <= 4 &&
      Math.abs((png.data[offset + 2] as number) - blue) <= 4
    ) {
      count += 1;
    }
  }
  return count;
};
