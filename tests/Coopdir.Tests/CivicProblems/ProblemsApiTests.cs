using System.Net;
using System.Text;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;
using static Coopdir.Tests.CivicProblems.ProblemWorld;

namespace Coopdir.Tests.CivicProblems;

/// <summary>Problems and bounties over the API: who may post, respond, accept and solve, what waits for review, and bad input.</summary>
public sealed class ProblemsApiTests : SiteTest
{
    [Fact]
    public async Task A_city_team_posts_a_coop_responds_the_team_accepts_and_solves_and_the_city_then_uses_the_solution()
    {
        var world = await SeedAsync(Site);
        var id = await world.PostAsync();
        var response = await world.RespondAsync(id);

        using var accepted = await world.CityTeam.Api.PostAsync($"/api/v1/problems/{id}/accept", Body(new { response_id = response }));
        Assert.Equal("in_progress", (await JsonOf(accepted)).GetProperty("status").GetString());
        using var solved = await world.CityTeam.Api.PostAsync($"/api/v1/problems/{id}/solve", Body(new { solution_id = world.Solution }));

        var problem = await JsonOf(solved);
        Assert.Equal("solved", problem.GetProperty("status").GetString());
        Assert.Equal("Decidim", problem.GetProperty("solution_name").GetString());
        Assert.Equal(response, problem.GetProperty("accepted_response_id").GetInt64());
        Assert.Equal(5000m, problem.GetProperty("bounty").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", problem.GetProperty("bounty").GetProperty("currency").GetString());
        Assert.Equal("Oakland", problem.GetProperty("area_name").GetString());

        var city = await JsonOf(await Site.Http.GetAsync($"/api/v1/organizations/{world.City}"));
        var uses = city.GetProperty("relationships").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "uses_software");
        Assert.Equal(world.Solution, uses.GetProperty("object").GetProperty("id").GetInt64());
        Assert.Equal("claimed", uses.GetProperty("status").GetString());
        var assertion = uses.GetProperty("assertions").EnumerateArray().Single();
        Assert.Equal(("subject", "claimer", "Dana of Oakland"),
            (assertion.GetProperty("party").GetString(), assertion.GetProperty("voice").GetString(), assertion.GetProperty("speaker").GetString()));

        var history = (await JsonOf(await Site.Http.GetAsync($"/api/v1/problems/{id}/history"))).EnumerateArray().ToList();
        Assert.Equal(["solved", "accepted", "responded", "posted"], history.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal("in_progress", history[0].GetProperty("before").GetProperty("status").GetString());
        Assert.Equal("Dana of Oakland", history[0].GetProperty("author").GetString());

        var feed = await JsonOf(await Site.Http.GetAsync("/api/v1/changes/problems?limit=3"));
        Assert.Equal(["posted", "responded", "accepted"], feed.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString()));
        Assert.True(feed.GetProperty("has_more").GetBoolean());
        var rest = await JsonOf(await Site.Http.GetAsync($"/api/v1/changes/problems?since={feed.GetProperty("next").GetString()}"));
        Assert.Equal("solved", rest.GetProperty("changes")[0].GetProperty("record").GetProperty("status").GetString());
        var changes = await JsonOf(await Site.Http.GetAsync("/api/v1/changes?limit=1000"));
        Assert.Contains(changes.GetProperty("changes").EnumerateArray(),
            c => c.GetProperty("organization_id").GetInt64() == world.City && c.GetProperty("summary").GetString()!.StartsWith("Uses Decidim"));
    }

    [Fact]
    public async Task Only_a_verified_claimer_of_a_municipality_or_digital_service_team_posts_and_only_the_poster_accepts_and_solves()
    {
        var world = await SeedAsync(Site);
        var stranger = await Site.AccountAsync(Roles.Editor);
        using var anonymous = await Site.Http.PostAsync("/api/v1/problems", Body(world.Problem()));
        using var notClaimer = await stranger.Api.PostAsync("/api/v1/problems", Body(world.Problem()));
        using var coopPosts = await world.CoopMember.Api.PostAsync("/api/v1/problems", Body(world.Problem() is Dictionary<string, object?> p ? new Dictionary<string, object?>(p) { ["organization_id"] = world.Coop } : null!));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notClaimer.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, coopPosts.StatusCode);
        Assert.Contains("organization_id", (await JsonOf(coopPosts)).GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var id = await world.PostAsync();
        var response = await world.RespondAsync(id);
        using var coopAccepts = await world.CoopMember.Api.PostAsync($"/api/v1/problems/{id}/accept", Body(new { response_id = response }));
        using var coopSolves = await world.CoopMember.Api.PostAsync($"/api/v1/problems/{id}/solve", Body(new { solution_id = world.Solution }));
        using var respondsForOthers = await stranger.Api.PostAsync($"/api/v1/problems/{id}/responses", Body(new { organization_id = world.Coop, text = "We can." }));
        using var solvedWithACoop = await world.CityTeam.Api.PostAsync($"/api/v1/problems/{id}/solve", Body(new { solution_id = world.Coop }));
        using var acceptsUnknown = await world.CityTeam.Api.PostAsync($"/api/v1/problems/{id}/accept", Body(new { response_id = 999999 }));
        Assert.Equal(HttpStatusCode.Forbidden, coopAccepts.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coopSolves.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, respondsForOthers.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, solvedWithACoop.StatusCode);
        Assert.Contains("not a shared solution", (await JsonOf(solvedWithACoop)).GetProperty("errors").GetProperty("solution_id")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, acceptsUnknown.StatusCode);
        Assert.Equal("open", (await JsonOf(await Site.Http.GetAsync($"/api/v1/problems/{id}"))).GetProperty("status").GetString());
        Assert.DoesNotContain("relationships\":[{", await Site.Http.GetStringAsync($"/api/v1/organizations/{world.City}"));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_writes_nothing()
    {
        var world = await SeedAsync(Site);
        async Task<string[]> FieldsOf(object body, string url = "/api/v1/problems")
        {
            using var answer = await world.CityTeam.Api.PostAsync(url, Body(body));
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            return (await JsonOf(answer)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        }
        Assert.Equal(["bounty_amount", "category", "deadline", "description", "title"], await FieldsOf(new
        {
            organization_id = world.City, title = new string('t', 201), description = "Bell\u0007", area = Oakland, category = "flying-cars",
            bounty_amount = 10.005m, bounty_currency = "USD", deadline = "2001-01-01",
        }));
        Assert.Equal(["area", "bounty_currency"], await FieldsOf(world.Problem(area: "ocd-division/country:us/state:ca/place:atlantis", currency: "XYZ")));
        Assert.Equal(["bounty_amount"], await FieldsOf(world.Problem(bounty: 2_000_000_000m)));
        Assert.Equal(["bounty_currency_id"], await FieldsOf(new Dictionary<string, object?>((Dictionary<string, object?>)world.Problem(currency: null)) { ["bounty_currency_id"] = world.Coop }));
        Assert.Equal(["status"], await FieldsOf(new { organization_id = world.City, title = "x", status = "solved" }));
        Assert.Equal(0, (await JsonOf(await Site.Http.GetAsync("/api/v1/problems"))).GetProperty("total").GetInt32());

        var id = await world.PostAsync();
        Assert.Equal(["links", "links[0]", "text"], await FieldsOf(new { text = "", links = new[] { "ftp://x", "https://a", "https://b", "https://c", "https://d", "https://e" } },
            $"/api/v1/problems/{id}/responses"));
        using var tooLarge = await world.CityTeam.Api.PostAsync("/api/v1/problems", new StringContent($"{{\"title\": \"{new string('a', 70_000)}\"}}", Encoding.UTF8, "application/json"));
        using var notJson = await world.CityTeam.Api.PostAsync("/api/v1/problems", new StringContent("title=x", Encoding.UTF8, "text/plain"));
        using var badFilter = await Site.Http.GetAsync("/api/v1/problems?status=done&page_size=1000&area=nowhere");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(["area", "page_size", "status"], (await JsonOf(badFilter)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Empty((await JsonOf(await Site.Http.GetAsync($"/api/v1/problems/{id}"))).GetProperty("responses").EnumerateArray());
    }

    [Fact]
    public async Task A_person_responding_for_themselves_and_a_spam_like_problem_wait_for_a_maintainer()
    {
        var world = await SeedAsync(Site);
        var id = await world.PostAsync();
        var volunteer = await Site.AccountAsync(Roles.Contributor, "Volunteer Val");
        var maintainer = await Site.AccountAsync(Roles.Maintainer);

        using var own = await volunteer.Api.PostAsync($"/api/v1/problems/{id}/responses", Body(new { text = "I could build a prototype at the next civic hack night." }));
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        Assert.Empty((await JsonOf(await Site.Http.GetAsync($"/api/v1/problems/{id}"))).GetProperty("responses").EnumerateArray());
        using var spam = await world.CityTeam.Api.PostAsync("/api/v1/problems", Body(world.Problem(title: "Cheap replica watches for the council")));
        Assert.Equal(HttpStatusCode.Accepted, spam.StatusCode);
        var spamId = (await JsonOf(spam)).GetProperty("problem").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync($"/api/v1/problems/{spamId}")).StatusCode);

        var queue = await (await Session.SignedIn(Site, maintainer)).Http.GetPageAsync("/proposals");
        Assert.Equal(2, queue.QuerySelectorAll(".pending-problems article").Length);
        var responseId = (await JsonOf(own)).GetProperty("response_id").GetInt64();
        using var contributorApproves = await volunteer.Api.PostAsync($"/api/v1/problems/responses/{responseId}/approve", null);
        using var approved = await maintainer.Api.PostAsync($"/api/v1/problems/responses/{responseId}/approve", null);
        using var rejected = await maintainer.Api.PostAsync($"/api/v1/problems/{spamId}/reject", null);
        Assert.Equal(HttpStatusCode.Forbidden, contributorApproves.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var problem = await JsonOf(await Site.Http.GetAsync($"/api/v1/problems/{id}"));
        Assert.Equal("Volunteer Val", problem.GetProperty("responses")[0].GetProperty("author").GetString());
        Assert.Equal(1, (await JsonOf(await Site.Http.GetAsync("/api/v1/problems"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_bounty_in_a_community_currency_names_it_and_a_closed_problem_takes_no_more_responses()
    {
        var world = await SeedAsync(Site);
        var id = await world.PostAsync(new Dictionary<string, object?>((Dictionary<string, object?>)world.Problem(currency: null)) { ["bounty_currency_id"] = world.Currency });
        using var closed = await world.CityTeam.Api.PostAsync($"/api/v1/problems/{id}/close", null);
        using var late = await world.CoopMember.Api.PostAsync($"/api/v1/problems/{id}/responses", Body(new { organization_id = world.Coop, text = "Too late?" }));

        var bounty = (await JsonOf(closed)).GetProperty("bounty");
        Assert.Equal((world.Currency, "Oakland Hours"), (bounty.GetProperty("currency_id").GetInt64(), bounty.GetProperty("currency_name").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }
}
