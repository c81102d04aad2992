#!/usr/bin/env python3
"""The measuring stick jiansuo-bench holds Jiansuo against: tantivy (PyPI `tantivy`,
0.27) over the same files, each file one document, its text broken into words by ICU
through PyICU (`pyicu`) — the words Jiansuo's analyzer starts from — joined by spaces for
tantivy's default tokenizer (which also lowercases). It then times each query of a file
(id TAB text per line) in three forms: its words ANDed, ORed, and as a phrase, top 10, one
thread, the Python call included, and writes per query and form the median in seconds.

Not a dependency of Jiansuo: jiansuo-bench runs it when `python3 -c 'import tantivy, icu'`
works, and prints the ratio per query class.

    python3 Benchmarks/tantivy-stick.py --index DIR --queries FILE --json OUT FOLDER...
"""
import argparse
import json
import os
import statistics
import sys
import time

import icu
import tantivy

WORD_NONE_LIMIT = 100  # ICU rule status below this: spaces and punctuation (UBRK_WORD_NONE)


def icu_words(text, breaker):
    """ICU words of `text`, leaving out what is not a word (spaces, punctuation)."""
    breaker.setText(text)
    words = []
    start = breaker.first()
    for end in breaker:
        if breaker.getRuleStatus() >= WORD_NONE_LIMIT:
            words.append(text[start:end])
        start = end
    return words


def text_files(folders):
    for folder in folders:
        if os.path.isfile(folder):
            yield folder
            continue
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                if name.endswith((".txt", ".md")):
                    yield os.path.join(root, name)


def build(index_dir, folders, breaker):
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="default")
    schema = builder.build()
    os.makedirs(index_dir, exist_ok=True)
    index = tantivy.Index(schema, path=index_dir)
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    count = 0
    size = 0
    start = time.perf_counter()
    for path in text_files(folders):
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        size += len(text.encode("utf-8"))
        writer.add_document(tantivy.Document(body=" ".join(icu_words(text, breaker))))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - start
    return index, {"documents": count, "inputBytes": size, "indexSeconds": seconds}


def directory_bytes(path):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--index", required=True, help="tantivy's index folder (reused when it holds an index)")
    parser.add_argument("--queries", required=True, help="id TAB text per line")
    parser.add_argument("--json", required=True)
    parser.add_argument("--repetitions", type=int, default=20)
    arguments = parser.parse_args()

    breaker = icu.BreakIterator.createWordInstance(icu.Locale("zh"))
    result = {"tantivy": tantivy.__version__, "icu": icu.ICU_VERSION}
    if os.path.exists(os.path.join(arguments.index, "meta.json")):
        index = tantivy.Index.open(arguments.index)
        result["reused"] = True
    else:
        index, figures = build(arguments.index, arguments.folders, breaker)
        result.update(figures)
    result["indexBytes"] = directory_bytes(arguments.index)
    index.reload()
    searcher = index.searcher()
    schema = index.schema

    def term(word):
        return tantivy.Query.term_query(schema, "body", word.lower())

    queries = {}
    with open(arguments.queries, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip() or line.startswith("#"):
                continue
            identifier, text = line.rstrip("\n").split("\t", 1)
            words = icu_words(text, breaker)
            if not words:
                continue
            single = term(words[0]) if len(words) == 1 else None
            forms = {
                "and": single or tantivy.Query.boolean_query([(tantivy.Occur.Must, term(w)) for w in words]),
                "or": single or tantivy.Query.boolean_query([(tantivy.Occur.Should, term(w)) for w in words]),
                "phrase": single or tantivy.Query.phrase_query(schema, "body", [w.lower() for w in words]),
            }
            timings = {}
            for form, query in forms.items():
                searcher.search(query, 10)  # warm
                samples = []
                for _ in range(arguments.repetitions):
                    start = time.perf_counter()
                    hits = searcher.search(query, 10).hits
                    samples.append(time.perf_counter() - start)
                timings[form] = {"p50": statistics.median(samples), "hits": len(hits)}
            queries[identifier] = {"text": text, "words": words, "forms": timings}
    result["queries"] = queries
    with open(arguments.json, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    sys.exit(main())
