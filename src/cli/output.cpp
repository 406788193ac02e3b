#include "output.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "options.hpp"

namespace remit::cli {
namespace fs = std::filesystem;
namespace {

// `strerror`, lower case, for the end of a message: "no space left on device".
std::string reason(int error) {
  std::string text = error ? std::strerror(error) : "the stream reported an error";
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

// A standard stream, written only through here. The first failure is kept,
// with its errno, and nothing more is written after it.
class Stream {
 public:
  Stream(std::FILE* file, std::string_view name) : file_(file), name_(name) {}

  bool write(std::string_view text) {
    if (!failed_ && !text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) fail(errno);
    return !failed_;
  }

  bool flush() {
    errno = 0;
    if (!failed_ && (std::fflush(file_) != 0 || std::ferror(file_))) fail(errno);
    return !failed_;
  }

  bool ok() const { return !failed_; }
  std::string failure() const { return fmt::format("cannot write to {}: {}", name_, reason(error_)); }

 private:
  void fail(int error) {
    failed_ = true;
    error_ = error;
  }

  std::FILE* file_;
  std::string_view name_;
  bool failed_ = false;
  int error_ = 0;
};

Stream& standard_output() {
  static Stream stream(stdout, "standard output");
  return stream;
}

Stream& standard_error() {
  static Stream stream(stderr, "standard error");
  return stream;
}

// Writes all of `text` to `fd` from `offset` (or at its position when
// negative); 0, or the errno of the write that failed.
int write_all(int fd, std::string_view text, off_t offset = -1) {
  while (!text.empty()) {
    const ssize_t n = offset < 0 ? ::write(fd, text.data(), text.size()) : ::pwrite(fd, text.data(), text.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : EIO;
    text.remove_prefix(static_cast<std::size_t>(n));
    if (offset >= 0) offset += n;
  }
  return 0;
}

// The whole content of `fd` from its start, or nullopt with `errno` set.
std::optional<std::string> read_all(int fd) {
  std::string text;
  char block[1 << 16];
  for (off_t offset = 0;;) {
    const ssize_t n = ::pread(fd, block, sizeof block, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) return text;
    text.append(block, static_cast<std::size_t>(n));
    offset += n;
  }
}

// Closes `fd`; 0, or the errno of a failed close (a write the kernel could
// not finish shows here).
int close_checked(int fd) { return ::close(fd) == 0 ? 0 : errno; }

std::optional<std::string> create(const fs::path& path, std::string_view text) {
  struct stat link;
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) return "it is a symbolic link to a file that does not exist";
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return reason(errno);
  int error = write_all(fd, text);
  if (const int closed = close_checked(fd); !error) error = closed;
  if (!error) return std::nullopt;
  ::unlink(path.c_str());  // no half-written file is left behind
  return reason(error);
}

// A device or a pipe: written as it is.
std::optional<std::string> write_directly(const fs::path& path, std::string_view text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return reason(errno);
  int error = write_all(fd, text);
  if (const int closed = close_checked(fd); !error) error = closed;
  return error ? std::optional(reason(error)) : std::nullopt;
}

// A new file beside `target`, then renamed over it, with the target's mode
// and owner. False, having changed nothing, when that cannot keep the file as
// it is (the folder takes no new file, the owner cannot be given); true when
// done, or failed with `error`.
bool replace_by_rename(const fs::path& target, const struct stat& old, std::string_view text, std::optional<std::string>& error) {
  std::string temporary = (target.parent_path() / ("." + target.filename().string() + ".remit-XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) return false;
  if (::fchown(fd, old.st_uid, old.st_gid) != 0) {
    ::close(fd);
    ::unlink(temporary.c_str());
    return false;
  }
  int failure = write_all(fd, text);
  if (!failure && ::fchmod(fd, old.st_mode & 07777) != 0) failure = errno;
  if (!failure && ::fsync(fd) != 0) failure = errno;
  if (const int closed = close_checked(fd); !failure) failure = closed;
  if (!failure && ::rename(temporary.c_str(), target.c_str()) != 0) failure = errno;
  if (failure) {
    ::unlink(temporary.c_str());
    error = reason(failure);
  }
  return true;
}

// The target itself rewritten, so that its hard links stay: `ulimit -f` is
// checked and room for the new content reserved first (a full disk fails
// here, before a byte changes), then it is written, cut to length and read back; if any of
// that fails, the old content is put back.
std::optional<std::string> rewrite_in_place(const fs::path& target, std::string_view text) {
  const int fd = ::open(target.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return reason(errno);
  const std::optional<std::string> old = read_all(fd);
  if (!old) {
    const int error = errno;
    ::close(fd);
    return reason(error);
  }
  // Past `ulimit -f` every write fails, even within the file's old length.
  if (struct rlimit limit; ::getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && text.size() > limit.rlim_cur) {
    ::close(fd);
    return reason(EFBIG);
  }
  if (text.size() > old->size())
    if (const int error = ::posix_fallocate(fd, 0, static_cast<off_t>(text.size()))) {
      ::ftruncate(fd, static_cast<off_t>(old->size()));  // an emulated reservation may have grown it
      ::close(fd);
      return reason(error);
    }
  int failure = write_all(fd, text, 0);
  if (!failure && ::ftruncate(fd, static_cast<off_t>(text.size())) != 0) failure = errno;
  if (!failure && ::fsync(fd) != 0) failure = errno;
  if (!failure) {
    const std::optional<std::string> back = read_all(fd);
    if (!back) failure = errno;
    else if (*back != text) failure = EIO;
  }
  if (!failure) return close_checked(fd) ? std::optional(reason(errno)) : std::nullopt;
  const bool restored = write_all(fd, *old, 0) == 0 && ::ftruncate(fd, static_cast<off_t>(old->size())) == 0 && ::fsync(fd) == 0;
  ::close(fd);
  return reason(failure) + (restored ? "; its old content is back" : "; it may be partly written");
}

bool is_stream(const struct stat& file, int fd) {
  struct stat stream;
  return ::fstat(fd, &stream) == 0 && stream.st_dev == file.st_dev && stream.st_ino == file.st_ino;
}

}  // namespace

void prepare_output() {
  std::signal(SIGXFSZ, SIG_IGN);
  // A reader that has gone (`remit matrix … | head -1`) makes a write fail
  // with EPIPE, reported as any failed write, instead of a silent exit 141.
  std::signal(SIGPIPE, SIG_IGN);
}

bool out(std::string_view text) { return standard_output().write(text); }
bool err(std::string_view text) { return standard_error().write(text); }
bool output_written() { return standard_output().flush(); }

int finish(int code) {
  Stream& output = standard_output();
  Stream& error = standard_error();
  output.flush();
  error.flush();
  if (output.ok() && error.ok()) return code;
  // Said even if standard error is what failed: it may take this line.
  std::clearerr(stderr);
  for (const Stream* failed : {&output, &error})
    if (!failed->ok()) std::fputs(fmt::format("remit: error: {}\n", failed->failure()).c_str(), stderr);
  std::fflush(stderr);
  return exit_usage;
}

std::optional<std::string> write_file(const fs::path& path, std::string_view text) {
  struct stat file;
  if (::stat(path.c_str(), &file) != 0) return errno == ENOENT ? create(path, text) : std::optional(reason(errno));
  if (is_stream(file, STDOUT_FILENO)) return out(text) ? std::nullopt : std::optional("standard output refused it");
  if (is_stream(file, STDERR_FILENO)) return err(text) ? std::nullopt : std::optional("standard error refused it");
  if (!S_ISREG(file.st_mode)) return write_directly(path, text);
  if ((file.st_mode & 0222) == 0) return "the file is read-only";
  if (::access(path.c_str(), W_OK) != 0) return reason(errno);
  std::error_code ec;
  const fs::path target = fs::canonical(path, ec);  // through symbolic links: they stay
  if (ec) return reason(ec.value());
  std::optional<std::string> error;
  if (file.st_nlink == 1 && replace_by_rename(target, file, text, error)) return error;
  return rewrite_in_place(target, text);
}

FileWriter::FileWriter(fs::path path) : path_(std::move(path)) {
  const fs::path folder = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  std::string temporary = (folder / ("." + path_.filename().string() + ".remit-XXXXXX")).string();
  fd_ = ::mkstemp(temporary.data());
  if (fd_ < 0) error_ = errno;
  else temporary_ = temporary;
}

FileWriter::~FileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) ::unlink(temporary_.c_str());
}

bool FileWriter::write(std::string_view text) {
  if (!error_) error_ = write_all(fd_, text);
  return !error_;
}

std::optional<std::string> FileWriter::commit() {
  if (!error_ && ::fsync(fd_) != 0) error_ = errno;
  if (const int closed = close_checked(fd_); !error_) error_ = closed;
  fd_ = -1;
  if (error_) return reason(error_);
  struct stat file;
  const bool exists = ::stat(path_.c_str(), &file) == 0;
  if (!exists || (S_ISREG(file.st_mode) && file.st_nlink == 1 && !is_stream(file, STDOUT_FILENO) && !is_stream(file, STDERR_FILENO))) {
    if (exists && (file.st_mode & 0222) == 0) return "the file is read-only";
    if (exists && ::chmod(temporary_.c_str(), file.st_mode & 07777) != 0) return reason(errno);
    if (!exists) {
      const mode_t mask = ::umask(0);  // read, and put back: a new file gets 0666 less the umask
      ::umask(mask);
      if (::chmod(temporary_.c_str(), 0666 & ~mask) != 0) return reason(errno);
    }
    std::error_code ec;
    const fs::path target = exists ? fs::canonical(path_, ec) : path_;  // through symbolic links: they stay
    if (ec) return reason(ec.value());
    if (::rename(temporary_.c_str(), target.c_str()) != 0) return reason(errno);
    temporary_.clear();
    return std::nullopt;
  }
  // Another kind of file: its content, read back, goes through write_file.
  const int fd = ::open(temporary_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return reason(errno);
  const std::optional<std::string> text = read_all(fd);
  const int error = text ? 0 : errno;
  ::close(fd);
  if (!text) return reason(error);
  return write_file(path_, *text);
}

bool same_file(const fs::path& a, const fs::path& b) {
  struct stat sa, sb;
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const fs::path ca = fs::weakly_canonical(a, ea), cb = fs::weakly_canonical(b, eb);
  return !ea && !eb && ca == cb;
}

}  // namespace remit::cli
