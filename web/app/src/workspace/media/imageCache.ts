/**
 * Images of the job's frames, decoded before they are shown: the current one, and the next (and the
 * previous) loaded ahead so that F and D switch at once. A few are kept, the oldest dropped first.
 */

export interface LoadedImage {
  readonly source: HTMLImageElement;
  readonly width: number;
  readonly height: number;
}

export class ImageLoadError extends Error {
  constructor(readonly url: string) {
    super(`the image at ${url} could not be loaded`);
    this.name = "ImageLoadError";
  }
}

export class ImageCache {
  private readonly entries = new Map<string, Promise<LoadedImage>>();

  constructor(
    private readonly capacity = 6,
    private readonly create: () => HTMLImageElement = () => new Image(),
  ) {}

  load(url: string): Promise<LoadedImage> {
    const cached = this.entries.get(url);
    if (cached !== undefined) {
      // Most recently used last.
      this.entries.delete(url);
      this.entries.set(url, cached);
      return cached;
    }
    const img = this.create();
    img.decoding = "async";
    const loading = new Promise<LoadedImage>((resolve, reject) => {
      img.onload = () => {
        const done = () => resolve({ source: img, width: img.naturalWidth, height: img.naturalHeight });
        // decode() moves the decoding off the frame that first draws the image.
        if (typeof img.decode === "function") img.decode().then(done, done);
        else done();
      };
      img.onerror = () => reject(new ImageLoadError(url));
    });
    img.src = url;
    this.entries.set(url, loading);
    // A failed load is not kept: the next attempt tries again.
    loading.catch(() => this.entries.delete(url));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return loading;
  }

  /** Starts loading without waiting; errors are left for the later `load`. */
  preload(urls: readonly string[]): void {
    for (const url of urls) this.load(url).catch(() => undefined);
  }
}
