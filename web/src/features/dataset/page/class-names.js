// The names of the classes, shown wherever a label is (the prediction bars, the confusion matrix,
// the gallery of mistakes) and stored in downloaded model files. Ten text fields the user can
// edit; digits for MNIST, Fashion-MNIST's names for its files, or the names an uploaded model
// carries.

export const CLASSES = 10;
export const DIGIT_NAMES = Object.freeze(Array.from({ length: CLASSES }, (_, i) => String(i)));
/** Fashion-MNIST's labels 0-9, from its README. */
export const FASHION_NAMES = Object.freeze([
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
]);
const MAX_NAME_LENGTH = 24;

export class ClassNames {
  /**
   * @param {HTMLElement} container  where the ten fields go
   * @param {{onChange: (names: string[]) => void}} callbacks  after any change of a name
   */
  constructor(container, { onChange }) {
    this.onChange = onChange;
    /** @type {HTMLInputElement[]} */
    this.inputs = [];
    const list = document.createElement('ol');
    list.className = 'class-names-list';
    for (let i = 0; i < CLASSES; i += 1) {
      const item = document.createElement('li');
      const label = document.createElement('label');
      label.className = 'class-name-index';
      label.htmlFor = `class-name-${i}`;
      label.textContent = String(i);
      const input = document.createElement('input');
      input.id = `class-name-${i}`;
      input.type = 'text';
      input.maxLength = MAX_NAME_LENGTH;
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.setAttribute('aria-label', `Name of class ${i}`);
      input.addEventListener('input', () => this.onChange(this.names));
      item.append(label, input);
      list.append(item);
      this.inputs.push(input);
    }
    container.append(list);
    this.fill(DIGIT_NAMES);
  }

  /** The names in the fields; an empty field stands for its index. */
  get names() {
    return this.inputs.map((input, i) => input.value.trim() || String(i));
  }

  /** Fills the fields (missing names become their index) and reports the change. */
  set(/** @type {readonly string[]} */ names) {
    this.fill(names);
    this.onChange(this.names);
  }

  fill(/** @type {readonly string[]} */ names) {
    this.inputs.forEach((input, i) => {
      input.value = names && names[i] != null ? String(names[i]).slice(0, MAX_NAME_LENGTH) : String(i);
    });
  }

  /** Whether the names are the plain digits. */
  get areDigits() {
    return this.names.every((name, i) => name === String(i));
  }
}
