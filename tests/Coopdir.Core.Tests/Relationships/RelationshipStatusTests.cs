using Coopdir.Core.Relationships;
using static Coopdir.Core.Relationships.RelationshipStatusCode;

namespace Coopdir.Core.Tests.Relationships;

public sealed class RelationshipStatusTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Assertion Say(Party party, Stance stance, int day, string speaker = "someone", Voice voice = Voice.Claimer) =>
        new(party, voice, stance, Start.AddDays(day), speaker);

    [Fact]
    public void The_statuses_named_in_the_model_follow_from_who_asserts()
    {
        Assert.Equal(Proposed, Status(Say(Party.Third, Stance.Asserts, 0, voice: Voice.Editor)));
        Assert.Equal(Claimed, Status(Say(Party.Subject, Stance.Asserts, 0)));
        Assert.Equal(Confirmed, Status(Say(Party.Subject, Stance.Asserts, 0), Say(Party.Object, Stance.Asserts, 1)));
        Assert.Equal(Corroborated, Status(Say(Party.Subject, Stance.Asserts, 0), Say(Party.Object, Stance.Asserts, 1),
            Say(Party.Third, Stance.Asserts, 2, "Co-operatives UK 2023", Voice.Dataset)));
        Assert.Equal(Disputed, Status(Say(Party.Subject, Stance.Asserts, 0), Say(Party.Object, Stance.Denies, 1)));
        var ended = RelationshipStatus.Of([Say(Party.Subject, Stance.Asserts, 0), Say(Party.Object, Stance.Asserts, 1), Say(Party.Object, Stance.Ends, 9)]);
        Assert.Equal(new RelationshipState(Ended, Start.AddDays(9)), ended);
    }

    [Fact]
    public void A_side_that_speaks_again_replaces_what_it_said_before()
    {
        Assert.Equal(Confirmed, Status(Say(Party.Object, Stance.Denies, 0), Say(Party.Subject, Stance.Asserts, 1), Say(Party.Object, Stance.Asserts, 2)));
        Assert.Equal(Claimed, Status(Say(Party.Subject, Stance.Ends, 0), Say(Party.Subject, Stance.Asserts, 1)));
    }

    [Fact]
    public void Third_parties_never_outrank_a_side_and_each_third_party_counts_once()
    {
        Assert.Equal(Claimed, Status(Say(Party.Subject, Stance.Asserts, 0), Say(Party.Third, Stance.Denies, 1, "a"), Say(Party.Third, Stance.Ends, 2, "b")));
        Assert.Equal(Confirmed, Status(Say(Party.Subject, Stance.Asserts, 0), Say(Party.Object, Stance.Asserts, 1),
            Say(Party.Third, Stance.Asserts, 2, "a"), Say(Party.Third, Stance.Denies, 3, "a")));
        Assert.Equal(Proposed, Status(Say(Party.Third, Stance.Asserts, 0, "a"), Say(Party.Third, Stance.Denies, 1, "b")));
        Assert.Equal(Disputed, Status(Say(Party.Third, Stance.Asserts, 0, "a"), Say(Party.Third, Stance.Denies, 1, "a")));
    }

    [Fact]
    public void A_relationship_without_assertions_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RelationshipStatus.Of([]));
    }

    // Property-style: thousands of generated sequences, each checked against a decision table written
    // from the model's definitions, and against reorderings and additions that must not change it.
    [Fact]
    public void For_every_order_of_generated_assertions_the_status_is_the_one_the_latest_statement_of_each_voice_gives()
    {
        var random = new Random(20261130);
        for (var run = 0; run < 5000; run++)
        {
            var assertions = Generate(random);
            var state = RelationshipStatus.Of(assertions);
            Assert.Equal(Expected(assertions), state);

            // Arriving in any order: the same status, since each statement carries its time.
            Assert.Equal(state, RelationshipStatus.Of(assertions.OrderBy(_ => random.Next()).ToList()));

            // Only the latest statement of each voice counts: dropping an earlier one changes nothing.
            var superseded = assertions.Where(a => assertions.Any(b => SameVoice(a, b) && b.At > a.At)).ToList();
            if (superseded.Count > 0)
                Assert.Equal(state, RelationshipStatus.Of(assertions.Except([superseded[random.Next(superseded.Count)]]).ToList()));

            // A side that denies last disputes it, whatever came before.
            var later = assertions.Max(a => a.At).AddDays(1);
            Assert.Equal(Disputed, RelationshipStatus.Of([.. assertions, new Assertion(Party.Object, Voice.Claimer, Stance.Denies, later, "b")]).Status);
        }
    }

    private static List<Assertion> Generate(Random random)
    {
        var count = random.Next(1, 9);
        // Distinct days, so that time alone orders them.
        var days = Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(count).ToList();
        return days.Select(day => new Assertion(
            (Party)random.Next(3), (Voice)random.Next(4), (Stance)random.Next(3), Start.AddDays(day), $"speaker {random.Next(3)}")).ToList();
    }

    private static bool SameVoice(Assertion a, Assertion b) =>
        a.Party == b.Party && (a.Party != Party.Third || a.Speaker == b.Speaker);

    // The model's definitions, as a decision table over the latest stance of each side and of the third parties.
    private static RelationshipState Expected(IReadOnlyList<Assertion> assertions)
    {
        Assertion? Last(Func<Assertion, bool> voice) => assertions.Where(voice).MaxBy(a => a.At);
        var subject = Last(a => a.Party == Party.Subject);
        var @object = Last(a => a.Party == Party.Object);
        var thirds = assertions.Where(a => a.Party == Party.Third).GroupBy(a => a.Speaker).Select(g => g.MaxBy(a => a.At)!).ToList();
        var thirdAsserts = thirds.Any(t => t.Stance == Stance.Asserts);

        if (subject?.Stance == Stance.Denies || @object?.Stance == Stance.Denies) return new(Disputed, null);
        var sideEnds = new[] { subject, @object }.Where(s => s?.Stance == Stance.Ends).ToList();
        if (sideEnds.Count > 0) return new(Ended, sideEnds.Max(s => s!.At));
        return (subject, @object) switch
        {
            (not null, not null) => new(thirdAsserts ? Corroborated : Confirmed, null),
            (not null, null) or (null, not null) => new(Claimed, null),
            _ when thirdAsserts => new(Proposed, null),
            _ when thirds.Any(t => t.Stance == Stance.Ends) => new(Ended, thirds.Where(t => t.Stance == Stance.Ends).Max(t => t.At)),
            _ => new(Disputed, null),
        };
    }

    private static RelationshipStatusCode Status(params Assertion[] assertions) => RelationshipStatus.Of(assertions).Status;
}
