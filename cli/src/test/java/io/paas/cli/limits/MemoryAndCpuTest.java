package io.paas.cli.limits;

import io.paas.cli.support.CliException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryAndCpuTest {
    @Test
    void memoryUnitsAreBinaryWithOptionalBAndI() {
        assertEquals(536870912L, Memory.parse("512M"));
        assertEquals(536870912L, Memory.parse("512MB"));
        assertEquals(536870912L, Memory.parse("512Mi"));
        assertEquals(536870912L, Memory.parse("512mib"));
        assertEquals(1073741824L, Memory.parse("1G"));
        assertEquals(1610612736L, Memory.parse("1.5G"));
        assertEquals(4194304L, Memory.parse("4096K"));
        assertEquals(4194304L, Memory.parse("4M"));
    }

    @Test
    void memoryRejectsOtherShapesAndSizes() {
        for (String bad : new String[] {"512", "512T", "M", "-5M", "5 MB x", "1e3M", "", "3.9M", "4095K", "1025G"}) {
            CliException e = assertThrows(CliException.class, () -> Memory.parse(bad), bad);
            assertEquals(CliException.USAGE, e.exitCode(), bad);
        }
    }

    @Test
    void memoryIsShownInTheLargestExactUnit() {
        assertEquals("512M", Memory.format(536870912L));
        assertEquals("1G", Memory.format(1073741824L));
        assertEquals("1536M", Memory.format(1610612736L));
        assertEquals("100K", Memory.format(102400L));
        assertEquals("1000B", Memory.format(1000L));
        assertEquals("none", Memory.format(null));
    }

    @Test
    void cpuIsCoresAboveZeroUpTo64() {
        assertEquals(0.5, Cpu.parse("0.5"));
        assertEquals(0.25, Cpu.parse(".25"));
        assertEquals(64.0, Cpu.parse("64"));
        for (String bad : new String[] {"0", "0.0", "64.1", "-1", "half", "1,5", ""}) {
            assertThrows(CliException.class, () -> Cpu.parse(bad), bad);
        }
        assertEquals("0.5", Cpu.format(0.5));
        assertEquals("2", Cpu.format(2.0));
        assertEquals("none", Cpu.format(null));
    }
}
