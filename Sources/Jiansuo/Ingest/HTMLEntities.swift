/// The named character references that turn up in pages of Chinese reports. HTML defines
/// over 2,000; an unknown name is kept as written, which shows the text as a browser
/// without that entity would.
enum HTMLEntities {
    static let named: [String: UInt32] = [
        "amp": 0x0026, "lt": 0x003C, "gt": 0x003E, "quot": 0x0022, "apos": 0x0027,
        "nbsp": 0x00A0, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C,
        "zwj": 0x200D, "shy": 0x00AD, "copy": 0x00A9, "reg": 0x00AE, "trade": 0x2122,
        "times": 0x00D7, "divide": 0x00F7, "deg": 0x00B0, "plusmn": 0x00B1, "middot": 0x00B7,
        "bull": 0x2022, "hellip": 0x2026, "mdash": 0x2014, "ndash": 0x2013, "lsquo": 0x2018,
        "rsquo": 0x2019, "ldquo": 0x201C, "rdquo": 0x201D, "sbquo": 0x201A, "bdquo": 0x201E,
        "laquo": 0x00AB, "raquo": 0x00BB, "lsaquo": 0x2039, "rsaquo": 0x203A, "yen": 0x00A5,
        "cent": 0x00A2, "pound": 0x00A3, "euro": 0x20AC, "sect": 0x00A7, "para": 0x00B6,
        "micro": 0x00B5, "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033, "larr": 0x2190,
        "rarr": 0x2192, "uarr": 0x2191, "darr": 0x2193, "harr": 0x2194, "le": 0x2264,
        "ge": 0x2265, "ne": 0x2260, "asymp": 0x2248, "infin": 0x221E, "minus": 0x2212,
        "radic": 0x221A, "sum": 0x2211, "prod": 0x220F, "frac12": 0x00BD, "frac14": 0x00BC,
        "frac34": 0x00BE, "sup1": 0x00B9, "sup2": 0x00B2, "sup3": 0x00B3, "alpha": 0x03B1,
        "beta": 0x03B2, "gamma": 0x03B3, "delta": 0x03B4, "pi": 0x03C0, "sigma": 0x03C3,
        "omega": 0x03C9, "Alpha": 0x0391, "Beta": 0x0392, "Gamma": 0x0393, "Delta": 0x0394,
        "Omega": 0x03A9, "iexcl": 0x00A1, "iquest": 0x00BF, "acute": 0x00B4, "uml": 0x00A8,
        "ordf": 0x00AA, "ordm": 0x00BA, "not": 0x00AC, "macr": 0x00AF, "cedil": 0x00B8,
        "dagger": 0x2020, "Dagger": 0x2021, "loz": 0x25CA, "hearts": 0x2665, "star": 0x2606,
        "check": 0x2713, "cross": 0x2717, "circ": 0x02C6, "tilde": 0x02DC, "eacute": 0x00E9,
        "egrave": 0x00E8, "agrave": 0x00E0, "aacute": 0x00E1, "ouml": 0x00F6, "uuml": 0x00FC,
        "auml": 0x00E4, "ccedil": 0x00E7,
    ]
}
