// Finds where JSON text stops being valid, because Node 20's JSON.parse errors do not
// always say. Used only after JSON.parse has already failed, to point the user at a line.

type Scan = { text: string; at: number }

export function findJsonErrorOffset(text: string): number | undefined {
  const scan: Scan = { text, at: 0 }
  try {
    skipSpace(scan)
    if (!readValue(scan)) return scan.at
    skipSpace(scan)
    return scan.at < text.length ? scan.at : undefined
  } catch {
    return undefined // nesting too deep to scan: give no position rather than a wrong one
  }
}

function skipSpace(s: Scan): void {
  while (s.at < s.text.length && ' \t\n\r'.includes(s.text[s.at]!)) s.at++
}

function readValue(s: Scan): boolean {
  const c = s.text[s.at]
  if (c === '{') return readContainer(s, '}', true)
  if (c === '[') return readContainer(s, ']', false)
  if (c === '"') return readString(s)
  for (const word of ['true', 'false', 'null']) {
    if (s.text.startsWith(word, s.at)) {
      s.at += word.length
      return true
    }
  }
  const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.text.slice(s.at, s.at + 400))
  if (number) {
    s.at += number[0].length
    return true
  }
  return false
}

function readContainer(s: Scan, close: string, isObject: boolean): boolean {
  s.at++
  skipSpace(s)
  if (s.text[s.at] === close) {
    s.at++
    return true
  }
  for (;;) {
    if (isObject) {
      if (s.text[s.at] !== '"' || !readString(s)) return false
      skipSpace(s)
      if (s.text[s.at] !== ':') return false
      s.at++
      skipSpace(s)
    }
    if (!readValue(s)) return false
    skipSpace(s)
    if (s.text[s.at] === ',') {
      s.at++
      skipSpace(s)
      continue
    }
    if (s.text[s.at] === close) {
      s.at++
      return true
    }
    return false
  }
}

function readString(s: Scan): boolean {
  s.at++
  while (s.at < s.text.length) {
    const c = s.text[s.at]!
    if (c === '"') {
      s.at++
      return true
    }
    if (c === '\\') s.at++
    else if (c < ' ') return false
    s.at++
  }
  return false
}
