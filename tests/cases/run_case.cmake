# Runs one golden CLI case: a folder holding
#   cmd      the arguments after `remit`, run from the source root
#   stdin    (optional) fed to standard input
#   exit     the expected exit code
#   stdout   (optional) the expected standard output, exactly
#   stderr   (optional) the expected standard error, exactly
#   env      (optional) NAME=VALUE lines set in remit's environment; a line
#            `NAME` alone removes NAME from it
# "Today" is pinned for every case: REMIT_TODAY=2026-01-31, unless `env` sets
# it otherwise, so that an undated decision gives the same output every day.
# Set REMIT_UPDATE_GOLDEN=1 in the environment to rewrite stdout/stderr/exit.
file(READ "${CASE}/cmd" command_line)
string(STRIP "${command_line}" command_line)
separate_arguments(arguments UNIX_COMMAND "${command_line}")
set(ENV{REMIT_TODAY} "2026-01-31")
if(EXISTS "${CASE}/env")
  file(STRINGS "${CASE}/env" environment_lines)
  foreach(line IN LISTS environment_lines)
    if(line MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
      set(ENV{${CMAKE_MATCH_1}} "${CMAKE_MATCH_2}")
    elseif(line MATCHES "^([A-Za-z_][A-Za-z0-9_]*)$")
      unset(ENV{${CMAKE_MATCH_1}})
    elseif(NOT line STREQUAL "")
      message(FATAL_ERROR "${CASE}/env: `${line}` is not NAME=VALUE or NAME")
    endif()
  endforeach()
endif()
set(input_option)
if(EXISTS "${CASE}/stdin")
  set(input_option INPUT_FILE "${CASE}/stdin")
endif()
execute_process(
  COMMAND "${REMIT}" ${arguments}
  WORKING_DIRECTORY "${SOURCE_DIR}"
  ${input_option}
  OUTPUT_VARIABLE actual_stdout
  ERROR_VARIABLE actual_stderr
  RESULT_VARIABLE actual_exit)

if("$ENV{REMIT_UPDATE_GOLDEN}" STREQUAL "1")
  file(WRITE "${CASE}/exit" "${actual_exit}\n")
  file(WRITE "${CASE}/stdout" "${actual_stdout}")
  if(NOT actual_stderr STREQUAL "")
    file(WRITE "${CASE}/stderr" "${actual_stderr}")
  else()
    file(REMOVE "${CASE}/stderr")
  endif()
  return()
endif()

set(failed FALSE)
file(READ "${CASE}/exit" expected_exit)
string(STRIP "${expected_exit}" expected_exit)
if(NOT actual_exit STREQUAL expected_exit)
  message(SEND_ERROR "exit code: expected ${expected_exit}, got ${actual_exit}")
  set(failed TRUE)
endif()
foreach(stream stdout stderr)
  set(expected "")
  if(EXISTS "${CASE}/${stream}")
    file(READ "${CASE}/${stream}" expected)
  endif()
  if(NOT actual_${stream} STREQUAL expected)
    message(SEND_ERROR "${stream} differs.\n--- expected\n${expected}\n--- actual\n${actual_${stream}}")
    set(failed TRUE)
  endif()
endforeach()
# Fail closed: a case whose expected output is not `authorised` must never print it as an outcome.
if(NOT expected_exit STREQUAL "0" AND actual_stdout MATCHES "\"outcome\": \"authorised\"")
  message(SEND_ERROR "a failing case printed an authorised outcome")
endif()
