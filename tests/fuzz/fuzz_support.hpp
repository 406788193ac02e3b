#pragma once
// What the register and audit fuzz targets share: rules/mopac compiled once,
// and the input as a stream.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "remit/compiled.hpp"
#include "remit/remit.hpp"

namespace remit::fuzz {

inline const CompiledScheme& mopac() {
  static const CompiledScheme compiled([] {
    LoadResult r = load_scheme(std::filesystem::path(REMIT_SOURCE_DIR) / "rules" / "mopac");
    if (!r.scheme) std::abort();  // the fuzz target is useless without it
    return r.scheme;
  }());
  return compiled;
}

// A stream over the input (fmemopen cannot take an empty buffer).
inline std::FILE* open_input(std::string& text) { return text.empty() ? std::tmpfile() : fmemopen(text.data(), text.size(), "rb"); }

}  // namespace remit::fuzz
