package io.paas.builder.build;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SizeCapTest {
    @Test
    void takesSizesAsOperatorsWriteThem() {
        assertEquals(2L << 30, SizeCap.parse("PAAS_BUILD_CACHE_MAX", "2G").maxBytes());
        assertEquals(512L << 20, SizeCap.parse("PAAS_SLUG_MAX", "512m").maxBytes());
        assertEquals(64L << 10, SizeCap.parse("PAAS_SLUG_MAX", "64K").maxBytes());
        assertEquals(1000, SizeCap.parse("PAAS_SLUG_MAX", "1000").maxBytes());
        assertEquals("PAAS_SLUG_MAX must be a size such as 2G, 512M or a number of bytes, not '1.5G'",
                assertThrows(IllegalArgumentException.class, () -> SizeCap.parse("PAAS_SLUG_MAX", "1.5G")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SizeCap.parse("PAAS_SLUG_MAX", "0"));
        assertThrows(IllegalArgumentException.class, () -> SizeCap.parse("PAAS_SLUG_MAX", "G"));
    }

    @Test
    void saysTheSizeTheCapAndItsSettingOnlyPastIt() {
        SizeCap cap = SizeCap.parse("PAAS_SLUG_MAX", "1G");
        assertNull(cap.overBy("The slug", 1L << 30));
        assertEquals("The slug is 1.25 GB, over the platform's cap of 1.00 GB (PAAS_SLUG_MAX)",
                cap.overBy("The slug", (1L << 30) + (1L << 28)));
        assertEquals("The slug is 3.0 MB, over the platform's cap of 1.0 KB (PAAS_SLUG_MAX)",
                SizeCap.parse("PAAS_SLUG_MAX", "1K").overBy("The slug", 3L << 20));
    }
}
