package com.featureapi.platform.config;

import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The UTC windows RDS and ElastiCache take: a daily {@code hh:mm-hh:mm} backup window and a weekly
 * {@code ddd:hh:mm-ddd:hh:mm} maintenance window. Both are turned into minutes of the week so that
 * overlap is a plain interval check.
 */
final class TimeWindows {

    private static final Pattern DAILY = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)-([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern WEEKLY = Pattern.compile(
            "(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)-(mon|tue|wed|thu|fri|sat|sun):([01]\\d|2[0-3]):([0-5]\\d)");
    private static final int WEEK = 7 * 24 * 60;
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** A span in minutes since Monday 00:00 UTC; {@code end} may pass the end of the week. */
    record Span(int start, int end) {
        boolean overlaps(Span other) {
            for (int shift = -WEEK; shift <= WEEK; shift += WEEK) {
                if (start < other.end + shift && other.start + shift < end) {
                    return true;
                }
            }
            return false;
        }
    }

    private TimeWindows() {
    }

    /** The daily window as seven spans, or empty (with a problem) when it is malformed or under 30 minutes. */
    static Optional<List<Span>> daily(String key, String text, ConfigProblems problems) {
        Matcher m = DAILY.matcher(text);
        if (!m.matches()) {
            problems.add(key, text, "must be a daily UTC window hh:mm-hh:mm, for example 03:00-04:00");
            return Optional.empty();
        }
        int start = minutes(m.group(1), m.group(2));
        int end = minutes(m.group(3), m.group(4));
        int length = Math.floorMod(end - start, 24 * 60);
        if (length < 30) {
            problems.add(key, text, "must last at least 30 minutes");
            return Optional.empty();
        }
        return Optional.of(DAYS.stream().map(d -> {
            int dayStart = DAYS.indexOf(d) * 24 * 60 + start;
            return new Span(dayStart, dayStart + length);
        }).toList());
    }

    /** The weekly window as one span, or empty (with a problem) when it is malformed or under 30 minutes. */
    static Optional<Span> weekly(String key, String text, ConfigProblems problems) {
        Matcher m = WEEKLY.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            problems.add(key, text, "must be a weekly UTC window ddd:hh:mm-ddd:hh:mm, for example sun:05:00-sun:06:00");
            return Optional.empty();
        }
        int start = DAYS.indexOf(m.group(1)) * 24 * 60 + minutes(m.group(2), m.group(3));
        int end = DAYS.indexOf(m.group(4)) * 24 * 60 + minutes(m.group(5), m.group(6));
        int length = Math.floorMod(end - start, WEEK);
        if (length < 30) {
            problems.add(key, text, "must last at least 30 minutes");
            return Optional.empty();
        }
        return Optional.of(new Span(start, start + length));
    }

    /** Reports when a daily backup window and a weekly maintenance window overlap (AWS rejects it). */
    static void requireApart(String backupKey, String backup, String maintenanceKey, String maintenance, ConfigProblems problems) {
        Optional<List<Span>> daily = daily(backupKey, backup, problems);
        Optional<Span> weekly = weekly(maintenanceKey, maintenance, problems);
        if (daily.isPresent() && weekly.isPresent() && daily.get().stream().anyMatch(s -> s.overlaps(weekly.get()))) {
            problems.add(maintenanceKey, maintenance, "overlaps the backup window " + backupKey + " = " + backup + "; move one of them");
        }
    }

    private static int minutes(String hours, String minutes) {
        return LocalTime.of(Integer.parseInt(hours), Integer.parseInt(minutes)).toSecondOfDay() / 60;
    }

}
