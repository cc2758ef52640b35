package org.sae4j.cli;

import java.math.BigDecimal;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;

/**
 * Parses a sample count such as 200000, 50M, 2.5k or 1G (decimal suffixes, as dataset sizes are quoted). Public for
 * sae4j-spark train's --samples, which means what sae4j train's does.
 */
public final class SampleCount implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        return parse(text);
    }

    static long parse(String text) {
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
                case 'K' -> unit = 1_000L;
                case 'M' -> unit = 1_000_000L;
                case 'G', 'B' -> unit = 1_000_000_000L;
                default -> unit = 1;
            }
        }
        String number = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            BigDecimal n = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
            if (n.signum() > 0 && n.stripTrailingZeros().scale() <= 0) {
                return n.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not a sample count; expected a positive whole number of samples such as "
                + "200000, 50M or 2.5k.");
    }
}
