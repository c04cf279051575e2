// Table cases for the line model: bytes a program prints in a pane of some
// width, and the lines the log must hold. The unit tests feed them to the line
// model; test/e2e/fidelity.test.ts prints the same bytes in a real tmux pane of
// that width and checks that capture-pane -J shows those lines (`screen`, where
// the log rightly keeps more than the screen shows), so the table is tmux's
// behaviour, not a guess at it. There each case starts on the sixth row (five
// LFs first), so that moves up have somewhere to go, and the rows compared are
// those that are not empty, top to bottom.

const ESC = '\x1b';

export interface LineCase {
  name: string;
  /** Pane width. */
  columns: number;
  /** Bytes as the pane prints them (no ONLCR: line ends are written CR LF). */
  input: string;
  /** Lines of the log. */
  lines: string[];
  /** What capture-pane -J shows, when not `lines` (trailing blanks and empty rows at the end aside). */
  screen?: string[];
}

export const LINE_CASES: LineCase[] = [
  // Overwriting and the cursor in cells.
  { name: 'CR then shorter text overwrites the start', columns: 20, input: 'abcdef\rXY\r\n', lines: ['XYcdef'] },
  { name: 'BS over wide characters counts cells', columns: 30, input: `echo 日本語\b\b${ESC}[K\r\n`, lines: ['echo 日本'] },
  { name: 'CUB and CHA count cells', columns: 30, input: `日本語abc${ESC}[2DX${ESC}[3GY\r\n`, lines: ['日Y 語aXc'] },
  { name: 'a narrow character over the left half of a wide one blanks the right half', columns: 20, input: '日本\rx\r\n', lines: ['x 本'] },
  { name: 'over the right half blanks the left half', columns: 20, input: `日本${ESC}[4Gx\r\n`, lines: ['日 x'] },
  // tmux's run of ASCII stops looking left at column 1 (screen-write.c:1733): the left half stays.
  { name: 'over the right half of a wide character in column 0, the left half stays', columns: 20, input: `日本${ESC}[2Gx\r\n`, lines: ['日x本'] },
  { name: 'a wide character over the right half of one blanks its left half', columns: 20, input: `日本${ESC}[4G語\r\n`, lines: ['日 語'] },
  { name: 'so does a mark-free non-ASCII character in column 1', columns: 20, input: `日本${ESC}[2Gé\r\n`, lines: [' é本'] },
  { name: 'a wide character over two narrow ones', columns: 20, input: 'abcd\r\x1b[C日\r\n', lines: ['a日d'] },
  { name: 'a combining mark joins the character before', columns: 20, input: 'cafe\u0301!\r\n', lines: ['cafe\u0301!'] },
  { name: 'a mark after a wide character joins it; over its left half, both go', columns: 20, input: '日\u0301x\b\b\by\r\n', lines: ['y x'] },
  { name: 'over the right half of a wide character', columns: 20, input: 'a日x\b\by\r\n', lines: ['a yx'] },
  // Zero-width text in column 0 has no cell to join: tmux drops it (screen-write.c:1991), and so does the log.
  { name: 'a mark at column 0 has nothing to join: tmux drops it, so does the log', columns: 20, input: '\u0301ab\r\n', lines: ['ab'] },
  { name: 'a mark after CR is in column 0: dropped', columns: 20, input: 'abc\r\u0301\r\n', lines: ['abc'] },
  { name: 'a variation selector in column 0: dropped', columns: 20, input: '\ufe0fab\r\n', lines: ['ab'] },
  // ...but a character of one cell or more a ZWJ joins there is kept (not the ZWJ), before the row's cells: when the
  // ZWJ ended one of tmux's reads (two of them in one of the reader's), tmux forgot it (input.c:975) and showed it.
  { name: 'a ZWJ and the character it joins, in column 0: tmux drops both; the log keeps the character', columns: 20, input: '\u200déx\r\u200d日\r\n', lines: ['é日x'], screen: ['x'] },
  { name: 'a mark in column 0 of a row the one above wraps into: dropped too (tmux looks at no other row)', columns: 10, input: '0123456789XY\r\u0301\r\n', lines: ['0123456789XY'] },
  { name: 'nor the wide character ending the row above (BS to column 0)', columns: 10, input: '01234567中X\b\u0301\r\n', lines: ['01234567中X'] },
  { name: 'a mark with the cursor past the right edge joins the wide character in the last cells', columns: 10, input: '01234567中\u0301\r\n', lines: ['01234567中\u0301'] },
  {
    name: 'a bidi control in column 0: tmux drops it, the log keeps its escape as for any byte not shown (not the ZWJ)',
    columns: 20,
    input: '\u200d\u202eab\r\n',
    lines: ['\\u202eab'],
    screen: ['ab'],
  },
  {
    name: 'a character tmux does not know takes no cell (shown nowhere, kept in the log)',
    columns: 20,
    input: 'a\u{1fae8}b\bX\r\n',
    lines: ['a\u{1fae8}X'],
    screen: ['aX'],
  },
  { name: 'ZWJ joins the next character that is not ASCII onto the one before', columns: 20, input: '👨\u200d👩x\b\b\bY\r\n', lines: ['Y x'] },
  { name: 'cursor forward pads with blanks', columns: 20, input: `a${ESC}[3Cb\r\n`, lines: ['a   b'] },
  { name: 'cursor forward stops at the right edge', columns: 10, input: `a${ESC}[99Cb\r\n`, lines: ['a        b'] },
  { name: 'CHA past the edge stops at the last column', columns: 10, input: `${ESC}[50Gx\r\n`, lines: ['         x'] },
  { name: 'TAB moves to the next stop; the log keeps the TAB', columns: 20, input: 'a\tb\r\n', lines: ['a\tb'], screen: ['a       b'] },
  { name: 'TAB over text only moves the cursor', columns: 20, input: 'abcdefghij\rx\ty\r\n', lines: ['xbcdefghyj'] },
  { name: 'text over part of a TAB turns it into blanks', columns: 20, input: 'a\tb\r\x1b[3Cx\r\n', lines: ['a  x    b'] },

  // Erase, insert, delete, repeat.
  { name: 'erase to end of line', columns: 20, input: `abcdef\r${ESC}[Kxy\r\n`, lines: ['xy'] },
  { name: 'erase to start of line', columns: 20, input: `abcdef${ESC}[4D${ESC}[1K\r\n`, lines: ['   def'] },
  { name: 'erase characters', columns: 20, input: `abcdef${ESC}[5D${ESC}[2X\r\n`, lines: ['a  def'] },
  { name: 'erase characters to the end', columns: 20, input: `abcdef${ESC}[3D${ESC}[9X!\r\n`, lines: ['abc!'] },
  { name: 'readline Delete: DCH', columns: 30, input: `echo abcdefgh\b\b\b\b\b${ESC}[P${ESC}[P\r\n`, lines: ['echo abcfgh'] },
  { name: 'DCH with a count', columns: 30, input: `echo abcdefgh${ESC}[6D${ESC}[3P\r\n`, lines: ['echo abfgh'] },
  { name: 'readline insert: ICH', columns: 30, input: `echo abfgh\b\b\b${ESC}[3@cde\r\n`, lines: ['echo abcdefgh'] },
  { name: 'ICH pushes text off the right edge', columns: 10, input: `0123456789\r${ESC}[3@abc\r\n`, lines: ['abc0123456'] },
  { name: 'DCH on the left half of a wide character', columns: 20, input: '日本x\r\x1b[P\r\n', lines: ['本x'] },
  // DCH of a wide character's left half leaves its right half, padding, in a cell of its own (grid_move_cells,
  // grid.c:709), which capture-pane skips (grid.c:1009). DECSC (ESC 7) changes nothing on the screen but hands the
  // row to the screen model: seeded without that cell, everything after it was a column left, and the text written
  // next covered what the screen still shows.
  { name: 'padding a DCH left takes its column after the hand-over', columns: 10, input: `${ESC}[5G\b一${ESC}[2G${ESC}[3P${ESC}[1CD${ESC}7\rFG\r\n`, lines: ['FGD'] },
  { name: '...after the right half of a wide character too', columns: 10, input: `日日X${ESC}[3G${ESC}[P${ESC}7${ESC}[5Gy\r\n`, lines: ['日Xy'] },
  {
    name: '...a secret behind fifteen of them is not covered',
    columns: 80,
    input: `${'日'.repeat(15)}SECRET-PASSWORD\r${`${ESC}[P${ESC}[C`.repeat(15)}${ESC}7\r...............\r\n`,
    lines: ['...............SECRET-PASSWORD'],
  },
  // ECH or EL over a wide character's right half leaves a blank there (grid_clear, grid.c:599), not padding: seeded as
  // padding, the next write over it blanked the character before as well.
  { name: 'a wide character whose right half ECH erased keeps it after the hand-over', columns: 10, input: `日${ESC}[D${ESC}[X${ESC}7日\r\n`, lines: ['日日'] },
  { name: '...and EL', columns: 10, input: `日${ESC}[D${ESC}[K${ESC}7日\r\n`, lines: ['日日'] },
  { name: 'REP repeats the character printed just before', columns: 20, input: `ab${ESC}[3bc\r\n`, lines: ['abbbbc'] },
  { name: 'REP after a colour change repeats nothing (input.c:1634)', columns: 20, input: `ab${ESC}[31m${ESC}[3bc\r\n`, lines: ['abc'] },
  { name: 'REP after a character that is not ASCII repeats nothing', columns: 20, input: `aé${ESC}[3bc\r\n`, lines: ['aéc'] },
  { name: 'REP stops at the right edge', columns: 10, input: `abcdefgh${ESC}[9b\r\n`, lines: ['abcdefghhh'] },

  // Modes that change where text lands (input.c:1640-1800).
  { name: 'insert mode (IRM) pushes the text right', columns: 20, input: `SECRET\r${ESC}[4hxx${ESC}[4l\r\n`, lines: ['xxSECRET'] },
  // The cells before the edge move (grid-view.c:209): a wide character is kept in the last column without its right half.
  { name: 'insert mode pushes a wide character half past the right edge: it stays', columns: 10, input: `${ESC}[8G😀${ESC}[4h${ESC}[1GXY${ESC}[4l${ESC}7\r\n`, lines: ['XY       😀'] },
  { name: 'insert mode pushes text off the right edge', columns: 10, input: `0123456789\r${ESC}[4hab${ESC}[4l\r\n`, lines: ['ab01234567'] },
  { name: 'a mode with a sub-parameter is ignored, as tmux does', columns: 20, input: `SECRET\r${ESC}[4:1hxx${ESC}[4l\r\n`, lines: ['xxCRET'] },
  { name: 'autowrap off: text past the edge overwrites the last column', columns: 10, input: `${ESC}[?7l0123456789abc${ESC}[?7h\r\n`, lines: ['012345678c'] },
  // Dropped (screen-write.c:1869), from the log too: the screen model drops it, and text past the edge is written over.
  { name: 'autowrap off: a wide character that does not fit is not shown', columns: 10, input: `${ESC}[?7l012345678日${ESC}[?7h\r\n`, lines: ['012345678'], screen: ['012345678'] },
  // Insert mode first clears the last column's cell (grid-view.c:206-207): a wide character wrapping from there leaves a blank.
  { name: 'insert mode: a wide character wrapping from the last column leaves the blank tmux cleared there', columns: 10, input: `${ESC}[4h123456789😀${ESC}[4l\r\n`, lines: ['123456789 😀'] },
  { name: '...insert mode off by then too', columns: 10, input: `${ESC}[4hab${ESC}[4l1234567😀\r\n`, lines: ['ab1234567 😀'] },
  { name: '...and after the last column\'s cell was cleared', columns: 10, input: `0123456789\b${ESC}[4h😀${ESC}[4l\r\n`, lines: ['012345678 😀'] },
  { name: '...the row handed to the screen model first', columns: 10, input: `${ESC}[4h123456789${ESC}[4l${ESC}7😀\r\n`, lines: ['123456789 😀'] },
  { name: 'with no insertion in the row, no blank', columns: 10, input: `0123456789\b0123456789${ESC}[4h日${ESC}[4l\r\n`, lines: ['0123456780123456789日'] },
  // Not a collected run (screen-write.c:1778): over the right half of a wide character in column 0, it blanks it (:2059).
  { name: 'wrap off: ASCII over the right half of a wide character in column 0 blanks it', columns: 10, input: `日${ESC}[?7l\bab${ESC}[?7h\r\n`, lines: [' ab'] },
  // In insert mode or with wrap off tmux does not collect ASCII (screen-write.c:1773-1781): each character goes through
  // screen_write_cell, which joins it onto the cell left of the cursor after a ZWJ (:1847), the cursor not moving.
  { name: 'insert mode: ASCII after a ZWJ joins the cell before, the cursor stays', columns: 20, input: `ab${ESC}[4h\u200dcd${ESC}[4l\r\n`, lines: ['ab\u200dcd'] },
  { name: 'wrap off: ASCII after a ZWJ joins the cell before', columns: 20, input: `ab${ESC}[?7l\u200dcd${ESC}[?7h\r\n`, lines: ['ab\u200dcd'] },
  { name: 'a ZWJ waits through collected ASCII; in insert mode the next ASCII takes it', columns: 20, input: `ab\u200dcd${ESC}[4hef${ESC}[4l\r\n`, lines: ['abcd\u200def'] },
  { name: 'wrap off in the last column: joined onto the cell left of the cursor', columns: 10, input: `${ESC}[?7labcdefghij\u200dX${ESC}[?7h\r\n`, lines: ['abcdefghi\u200dXj'] },
  { name: 'wrap off at the pending-wrap column: joined onto the last cell, the next is dropped', columns: 10, input: `abcdefghij${ESC}[?7l\u200dkl${ESC}[?7h\r\n`, lines: ['abcdefghij\u200dk'] },
  { name: 'insert mode: REP of a joined character writes cells of its own', columns: 20, input: `ab${ESC}[4h\u200dc${ESC}[3b${ESC}[4l\r\n`, lines: ['ab\u200dcccc'] },
  { name: 'insert mode: joined ASCII fills the cell, the rest is dropped (21 bytes, screen-write.c:2008)', columns: 20, input: `ab${ESC}[4h${'\u200dz'.repeat(8)}Q${ESC}[4l\r\n`, lines: [`ab${'\u200dz'.repeat(5)}Q`] },
  { name: 'insert mode: a ZWJ then ASCII in column 0: tmux drops both; the log keeps the character', columns: 20, input: `abc\r${ESC}[4h\u200dXYZ${ESC}[4l\r\n`, lines: ['XYZabc'], screen: ['YZabc'] },
  {
    // The columns the ZWJs took no cell for: counted as cells, the text after them was logged where a CR and a move
    // then wrote over it, and never reached the log.
    name: 'wrap off: joined ASCII moves nothing, the text after it is where the screen has it',
    columns: 80,
    input: `QQ${ESC}[?7l${'\u200dz'.repeat(15)}${ESC}[?7hSECRET-PASSWORD\r${ESC}[17C...............\r\n`,
    lines: [`QQ${'\u200dz'.repeat(5)}SECRET-PASSWORD...............`],
  },
  {
    // Home in origin mode is the region's top: an erase from there leaves the line above it on the screen.
    name: 'origin mode in a scroll region: an erase from its home does not clear the line',
    columns: 20,
    input: `SECRET-ORIGIN${ESC}[8;12r${ESC}[?6h${ESC}[J${ESC}[?6l${ESC}[r${ESC}[12;1HMARKER\r\n`,
    lines: ['SECRET-ORIGIN', 'MARKER'],
  },
  // As after CUP 1;1 (the screen model takes the stream): `x`, drawn at home and written over there in the same
  // read, is not a line of its own.
  { name: 'origin mode sends the cursor home: the line is left', columns: 20, input: `kept${ESC}[?6hx${ESC}[?6ly\r\n`, lines: ['kept', 'y'], screen: ['y', 'kept'] },

  // A line longer than the pane: several rows.
  { name: 'text past the edge wraps; the line is one', columns: 10, input: '0123456789abc\r\n', lines: ['0123456789abc'] },
  { name: 'CR goes to the start of the cursor row', columns: 10, input: '0123456789abc\rXY\r\n', lines: ['0123456789XYc'] },
  { name: 'wrap is pending at the edge: CR stays on the row', columns: 10, input: '0123456789\rX\r\n', lines: ['X123456789'] },
  { name: 'a full row then CR LF is one line', columns: 10, input: '0123456789\r\nnext\r\n', lines: ['0123456789', 'next'] },
  { name: 'BS at the start of a wrapped row goes to the end of the row above', columns: 10, input: '0123456789ab\r\bX\r\n\r\n', lines: ['012345678Xab'] },
  { name: 'a wide character that does not fit wraps whole', columns: 10, input: '012345678日x\r\n', lines: ['012345678日x'] },
  {
    name: 'readline moves up with RI and down with LF within the line',
    columns: 10,
    input: `0123456789abc${ESC}M\rZ\n\rY\r\n`,
    lines: ['Z123456789Ybc'],
  },
  { name: 'CUU and CUD within the line', columns: 10, input: `0123456789abc${ESC}[A${ESC}[2DQ${ESC}[B\rR\r\n`, lines: ['0Q23456789Rbc'] },
  {
    name: 'editing a long command: a character inserted on the first row, the rest drawn again',
    columns: 10,
    input: `$ echo 123456789${ESC}M\r${ESC}[7C${ESC}[@X123456789\r\n`,
    lines: ['$ echo X123456789'],
  },
  {
    name: 'clearing a wrapped row ends the line above it (grid.c:656)',
    columns: 10,
    input: `0123456789ab\r${ESC}[K${ESC}M\r\nnext\r\n`,
    lines: ['0123456789', 'next'],
  },
  {
    name: 'deleting on a wrapped row leaves blanks at its end',
    columns: 10,
    input: `0123456789ab${ESC}M\r${ESC}[2P\r\n\r\n`,
    lines: ['23456789  ab'],
  },

  // Leaving the line, clearing the screen.
  { name: 'a move up past the line writes it out as it stands', columns: 20, input: `shown${ESC}[Ahidden?\r\n`, lines: ['shown', '     hidden?'], screen: ['     hidden?', 'shown'] },
  { name: 'a cursor position elsewhere writes the line out', columns: 20, input: `SECRET${ESC}[5;1Hcover\r\n`, lines: ['SECRET', 'cover'], screen: ['cover', 'SECRET'] },
  { name: 'Ctrl-L: home and erase drop the pending line, which is drawn again', columns: 30, input: `$ ls -l${ESC}[H${ESC}[J$ ls -l\r\n`, lines: ['$ ls -l'] },
  { name: 'clear as xterm writes it (ED 2)', columns: 30, input: `$ ls -l${ESC}[H${ESC}[2J$ ls -la\r\n`, lines: ['$ ls -la'] },
  { name: 'home without an erase leaves the line', columns: 30, input: `kept${ESC}[Hx\r\n`, lines: ['kept', 'x'], screen: ['x', 'kept'] },
  {
    name: 'a saved cursor restored on the same line stays in it',
    columns: 30,
    input: `abc${ESC}7def${ESC}8X\r\n`,
    lines: ['abcXef'],
  },
  {
    name: 'a status line drawn elsewhere and the cursor restored: neither is lost',
    columns: 30,
    input: `out 1\r\n${ESC}7${ESC}[9;1HProgress: [ 20%]${ESC}8out 2\r\n`,
    lines: ['out 1', 'Progress: [ 20%]', 'out 2'],
    screen: ['out 1', 'out 2', 'Progress: [ 20%]'],
  },
];
