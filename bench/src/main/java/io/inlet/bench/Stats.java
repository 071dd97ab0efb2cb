package io.inlet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Median and min–max of a few runs, and how the report prints them. */
record Stats(double median, double min, double max, int n) {

    static Stats of(List<Double> values) {
        List<Double> v = new ArrayList<>();
        for (Double d : values) {
            if (d != null && !d.isNaN()) {
                v.add(d);
            }
        }
        if (v.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        v.sort(Double::compare);
        int n = v.size();
        double median = n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Stats(median, v.get(0), v.get(n - 1), n);
    }

    boolean isEmpty() {
        return n == 0;
    }

    /** {@code 41,200 (39,800–42,100)} with the given format for each number; a single run shows one number; none shows "–". */
    String format(String numberFormat) {
        if (n == 0) {
            return "–";
        }
        String m = String.format(Locale.ROOT, numberFormat, median);
        if (n == 1) {
            return m;
        }
        return m + " (" + String.format(Locale.ROOT, numberFormat, min) + "–" + String.format(Locale.ROOT, numberFormat, max) + ")";
    }
}
