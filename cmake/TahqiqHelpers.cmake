# Shared build conventions: one library per src/ folder, tests beside the code.
add_library(tahqiq_warnings INTERFACE)
target_compile_options(tahqiq_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter
  $<$<BOOL:${TAHQIQ_WERROR}>:-Werror>)
add_library(tahqiq::warnings ALIAS tahqiq_warnings)

if(TAHQIQ_SANITIZE)
  # _GLIBCXX_ASSERTIONS: ASan cannot see a read between a vector's size and its capacity
  # (two such reads in the figure grammar were found only by UBSan's bool check).
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
                      -D_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=address,undefined)
endif()

# tahqiq_library(NAME SRCS a.cc b.cc DEPS x y)
function(tahqiq_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(tahqiq_${name} STATIC ${ARG_SRCS})
  add_library(tahqiq::${name} ALIAS tahqiq_${name})
  target_include_directories(tahqiq_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(tahqiq_${name} PUBLIC ${ARG_DEPS} PRIVATE tahqiq::warnings)
endfunction()

# tahqiq_test(NAME SRCS a_test.cc DEPS tahqiq::x)
function(tahqiq_test name)
  if(NOT TAHQIQ_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest_main tahqiq::warnings)
  target_compile_definitions(${name} PRIVATE TAHQIQ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "TAHQIQ_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()
