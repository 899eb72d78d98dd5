# Static ICU, SQLite, libstemmer and libsodium for the executables that set
# the target property TAHQIQ_STATIC_LIBS (tahqiq, tahqiq-serve): every CLI
# command is a new process, and binding these libraries' symbols at start-up
# was a large part of a search's CPU (bench/RESULTS.md, issue 8). Debian
# ships the archives next to the shared libraries (libicu-dev,
# libsqlite3-dev, libstemmer-dev, libsodium-dev). Other executables keep the
# shared ones: tahqiq-extract loads libxml2 and others that bring the shared
# ICU, and two copies of ICU in one process must not meet. Xapian and
# libstdc++ stay shared (Debian ships no static Xapian, which needs the
# shared libstdc++). The choice is made per linked executable by a generator
# expression on that property, in the link interface of:
#   tahqiq::icu (ICU::i18n + ICU::uc; src/analyze links it), and
#   PkgConfig::SQLITE3, PkgConfig::SODIUM, tahqiq::stemmer.
set(_tahqiq_static "$<BOOL:$<TARGET_PROPERTY:TAHQIQ_STATIC_LIBS>>")
set(_tahqiq_shared "$<NOT:${_tahqiq_static}>")
set(TAHQIQ_HAVE_STATIC_LIBS OFF)
if(TAHQIQ_STATIC_LIBS)
  set(TAHQIQ_HAVE_STATIC_LIBS ON)
  foreach(name icui18n icuuc icudata sqlite3 stemmer sodium)
    find_library(_tahqiq_${name}_a NAMES lib${name}.a NO_CACHE)
    if(NOT _tahqiq_${name}_a)
      message(WARNING "TAHQIQ_STATIC_LIBS: lib${name}.a not found; linking shared libraries")
      set(TAHQIQ_HAVE_STATIC_LIBS OFF)
    endif()
  endforeach()
endif()

add_library(tahqiq_icu INTERFACE)
add_library(tahqiq::icu ALIAS tahqiq_icu)
if(NOT TAHQIQ_HAVE_STATIC_LIBS)
  target_link_libraries(tahqiq_icu INTERFACE ICU::uc ICU::i18n)
  return()
endif()
target_link_libraries(tahqiq_icu INTERFACE
  "$<${_tahqiq_shared}:ICU::uc>" "$<${_tahqiq_shared}:ICU::i18n>"
  "$<${_tahqiq_static}:${_tahqiq_icui18n_a}>" "$<${_tahqiq_static}:${_tahqiq_icuuc_a}>"
  "$<${_tahqiq_static}:${_tahqiq_icudata_a}>" "$<${_tahqiq_static}:${CMAKE_DL_LIBS}>"
  "$<${_tahqiq_static}:Threads::Threads>")

# pkg-config's imported targets list the shared library's path.
function(_tahqiq_static_or_shared target archive)
  get_target_property(shared ${target} INTERFACE_LINK_LIBRARIES)
  set(items "")
  foreach(item IN LISTS shared)
    list(APPEND items "$<${_tahqiq_shared}:${item}>")
  endforeach()
  list(APPEND items "$<${_tahqiq_static}:${archive}>" ${ARGN})
  set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES "${items}")
endfunction()
_tahqiq_static_or_shared(PkgConfig::SQLITE3 ${_tahqiq_sqlite3_a} "$<${_tahqiq_static}:m>"
                         "$<${_tahqiq_static}:${CMAKE_DL_LIBS}>" "$<${_tahqiq_static}:Threads::Threads>")
_tahqiq_static_or_shared(PkgConfig::SODIUM ${_tahqiq_sodium_a} "$<${_tahqiq_static}:Threads::Threads>")

# libstemmer: the English stemmer alone when the known-answer check of
# src/analyze/internal/stemmer_english_only.c (which says why) passes
# against this archive; the whole archive otherwise.
try_run(_tahqiq_stem_run _tahqiq_stem_compiled ${CMAKE_BINARY_DIR}/stemmer_check
  SOURCES ${PROJECT_SOURCE_DIR}/cmake/stemmer_check.c
          ${PROJECT_SOURCE_DIR}/src/analyze/internal/stemmer_english_only.c
  CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${STEMMER_INCLUDE}"
  LINK_LIBRARIES ${_tahqiq_stemmer_a}
  ARGS running run generously generous happiness happi cities citi naïvely naïv
       consolidated consolid "ahmed's" ahm)
if(_tahqiq_stem_compiled AND _tahqiq_stem_run EQUAL 0)
  add_library(tahqiq_stemmer_english STATIC
              ${PROJECT_SOURCE_DIR}/src/analyze/internal/stemmer_english_only.c)
  target_include_directories(tahqiq_stemmer_english PRIVATE ${STEMMER_INCLUDE})
  _tahqiq_static_or_shared(tahqiq_stemmer tahqiq_stemmer_english
                           "$<${_tahqiq_static}:${_tahqiq_stemmer_a}>")
else()
  message(STATUS "libstemmer.a: English-only API check failed; linking every stemmer")
  _tahqiq_static_or_shared(tahqiq_stemmer ${_tahqiq_stemmer_a})
endif()
