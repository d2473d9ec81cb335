package io.nicsim.host.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One line for why the kernel wake path is not here, naming the OS or the missing functions. */
class KernelTest {

    @Test
    void elsewhereThanLinuxOneLineNamesTheSystem() {
        assertThat(Kernel.problem("Mac OS X", List.of()))
                .isEqualTo("the kernel wake path (eventfd, epoll) needs Linux; this is Mac OS X");
    }

    @Test
    void aCLibraryWithoutTheFunctionsNamesThem() {
        assertThat(Kernel.problem("Linux", List.of("eventfd", "epoll_create1")))
                .isEqualTo("the C library has no eventfd, epoll_create1 (the kernel wake path calls eventfd and"
                        + " epoll through it)");
        assertThat(Kernel.problem("Linux", List.of())).isNull();
    }

    @Test
    void errnoNamesAreLinuxsAndUnknownOnesAreNumbered() {
        assertThat(KernelCallException.name(24)).isEqualTo("EMFILE");
        assertThat(KernelCallException.name(4242)).isEqualTo("errno 4242");
    }
}
