/** A growable list of 32-bit integers: amortised O(1) push without boxing numbers. */
export class IntList {
  private items: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.items = new Int32Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = value;
  }

  get(index: number): number {
    return this.items[index];
  }

  /** A view of the pushed values; valid until the next push. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}
