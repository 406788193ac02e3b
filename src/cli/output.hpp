#pragma once
// How everything `remit` writes reaches a stream or a file. Every write is
// checked, and so are the final flushes and closes: a failed or short write
// (a full disk, a file over `ulimit -f`, a device that refuses it) is an
// error that names what could not be written, and exit 2, never a silent
// loss. Commands write standard output and standard error only through `out`
// and `err`, and files only through `write_file`.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace remit::cli {

// Before anything is written: a file over `ulimit -f` makes a write fail
// with EFBIG, and a pipe whose reader has gone with EPIPE, instead of ending
// the process (SIGXFSZ and SIGPIPE are ignored).
void prepare_output();

// Standard output and standard error. Each returns whether the stream has
// taken everything so far; after a failure it writes nothing more.
bool out(std::string_view text);
bool err(std::string_view text);

// Flushes standard output and says whether it has taken everything written
// to it so far.
bool output_written();

// At the end of the process: flushes both streams; when any write to them
// failed, says so on standard error (if it still can) and returns exit 2,
// else `code`.
int finish(int code);

// Writes `text` as the whole content of the file at `path`; nullopt when
// done, else why not (one lower-case clause, for a message).
//  - a file that does not exist is created;
//  - a regular file, through any symbolic links, is replaced in place of its
//    target, keeping its mode and owner: a temporary file beside the target,
//    then renamed over it. A file with several hard links (or whose owner a
//    new file could not keep) is rewritten in place instead, once room for
//    the new content is reserved, and read back to check it; if that fails,
//    the old content is put back. The links stay;
//  - a read-only file is refused;
//  - standard output or standard error (`/dev/stdout`, or the file they go
//    to) is written through that stream; another device or a pipe directly.
std::optional<std::string> write_file(const std::filesystem::path& path, std::string_view text);

// A file written in parts as they come (the rows of `remit audit
// --output`), without holding them all: the parts go to a new file beside
// `path`, which `commit` puts in place of `path` at once, keeping a file's
// mode; a file with several links, standard output or a device gets the
// content through `write_file` or the stream. Nothing is left half-written:
// a failed write, or no commit, removes the new file.
class FileWriter {
 public:
  explicit FileWriter(std::filesystem::path path);
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;
  bool write(std::string_view text);  // false once a write has failed
  // nullopt when the file is in place, else why not (as for write_file).
  std::optional<std::string> commit();

 private:
  std::filesystem::path path_, temporary_;
  int fd_ = -1;
  int error_ = 0;
};

// Whether `a` and `b` are the same file: by device and inode when both exist
// (through symbolic links, and hard links alike), else by canonical path.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace remit::cli
