#!/usr/bin/env bash
# A scripted board session through the HTTP API v1: an organiser creates a meeting and an open-space board with
# time slots and spaces, invites a facilitator; the facilitator and two participants join; topics are proposed and
# voted on; the facilitator closes voting and schedules the topics into the grid; the final board is printed.
# Usage: docs/examples/board-session.sh [base-url]   (default http://127.0.0.1:5080, as ./run.sh serves it)
# Needs curl and jq.
set -euo pipefail

base="${1:-http://127.0.0.1:5080}"

# call METHOD PATH [TOKEN] [JSON]: prints the response body; stops the script on any error status.
call() {
  local method="$1" path="$2" token="${3:-}" body="${4:-}"
  local args=(-sS --fail-with-body -X "$method" "$base$path" -H 'Accept: application/json')
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}"
}

step() { printf '\n== %s\n' "$*"; }

# The meeting is tomorrow in Sofia (a meeting that ended takes no more joins), with Sofia's offset on that day.
day=$(TZ=Europe/Sofia date -d tomorrow +%F)
offset=$(TZ=Europe/Sofia date -d "$day 12:00" +%:z)
at() { printf '%sT%s:00%s' "$day" "$1" "$offset"; }

step "Organiser creates the meeting"
meeting=$(call POST /api/meetings "" "$(jq -nc --arg starts "$(at 09:00)" --arg ends "$(at 17:00)" \
  '{title: "EU Code Week Community Meeting", description: "Open space for teachers and community leaders.", startsAt: $starts, endsAt: $ends, timeZone: "Europe/Sofia", city: "Sofia", country: "BG", tags: ["expertsgobacktoschool2024"], languages: ["en", "bg"]}')")
meeting_id=$(jq -r .meetingId <<<"$meeting")
join_code=$(jq -r .joinCode <<<"$meeting")
organiser=$(jq -r .organiserToken <<<"$meeting")
echo "meeting $meeting_id, join code $join_code"

step "Organiser opens the meeting"
call PATCH "/api/meetings/$meeting_id" "$organiser" '{"state":"live"}' | jq -c '{title: .details.title, state}'

step "Organiser adds the open-space board: 2 slots x 2 spaces, 3 dots each"
board=$(call POST "/api/meetings/$meeting_id/boards" "$organiser" "$(jq -nc --arg m1 "$(at 10:00)" --arg m2 "$(at 11:00)" --arg n1 "$(at 11:30)" --arg n2 "$(at 12:30)" \
  '{kind: "openSpace", title: "Open space marketplace", slots: [{id: "morning", startsAt: $m1, endsAt: $m2, label: "10:00"}, {id: "noon", startsAt: $n1, endsAt: $n2, label: "11:30"}], spaces: [{id: "hall", name: "Main hall", capacity: 80}, {id: "library", name: "Library", capacity: 20}], dotsPerParticipant: 3, maxDotsPerCard: 1}')")
board_id=$(jq -r .boardId <<<"$board")
echo "$board" | jq -c .
cards="/api/meetings/$meeting_id/boards/$board_id/cards"

step "Organiser invites a facilitator; the facilitator joins with the invite code"
invite=$(call POST "/api/meetings/$meeting_id/invites" "$organiser" '{"role":"facilitator"}')
facilitator=$(call POST /api/join "" "$(jq -nc --arg code "$(jq -r .code <<<"$invite")" '{code: $code, displayName: "Mila (facilitator)"}')")
echo "$facilitator" | jq -c '{role, participantId}'
facilitator=$(jq -r .token <<<"$facilitator")

step "Two participants join with the meeting's code"
ana=$(call POST /api/join "" "$(jq -nc --arg code "$join_code" '{code: $code, displayName: "Ana", country: "BG"}')")
boris=$(call POST /api/join "" "$(jq -nc --arg code "$join_code" '{code: $code, displayName: "Boris", country: "RO"}')")
jq -c '{role, participantId}' <<<"$ana"
jq -c '{role, participantId}' <<<"$boris"
ana=$(jq -r .token <<<"$ana")
boris=$(jq -r .token <<<"$boris")

step "They propose topics"
ai=$(call POST "$cards" "$ana" '{"title":"AI in the classroom","description":"What works, what does not"}' | jq -r .cardId)
girls=$(call POST "$cards" "$boris" '{"title":"Supporting girls in tech"}' | jq -r .cardId)
clubs=$(call POST "$cards" "$ana" '{"title":"Code clubs in villages"}' | jq -r .cardId)
echo "cards: $ai $girls $clubs"

step "They vote (PUT sets my dots on a card; repeating it changes nothing)"
call PUT "$cards/$ai/dots" "$ana" '{"dots":1}' | jq -c .
call PUT "$cards/$girls/dots" "$ana" '{"dots":1}' | jq -c .
call PUT "$cards/$girls/dots" "$ana" '{"dots":1}' | jq -c .
call PUT "$cards/$ai/dots" "$boris" '{"dots":1}' | jq -c .
call PUT "$cards/$girls/dots" "$boris" '{"dots":1}' | jq -c .
call PUT "$cards/$clubs/dots" "$boris" '{"dots":1}' | jq -c .

step "Boris marks interest in AI in the classroom"
call PUT "$cards/$ai/interest" "$boris" | jq -c '{title, interested}'

step "A second dot on one card is over the cap per card (1 on this board): 409 problem details"
curl -sS -X PUT "$base$cards/$ai/dots" -H "Authorization: Bearer $boris" -H 'Content-Type: application/json' --data '{"dots":2}' -w '\nstatus %{http_code}\n'

step "Facilitator closes voting"
call PUT "/api/meetings/$meeting_id/boards/$board_id/state" "$facilitator" '{"state":"votingClosed"}' | jq -c '{state, version}'

step "Facilitator schedules the topics into the grid"
call PUT "$cards/$ai/schedule" "$facilitator" '{"slotId":"morning","spaceId":"hall"}' | jq -c '{title, status, placement}'
call PUT "$cards/$girls/schedule" "$facilitator" '{"slotId":"morning","spaceId":"library"}' | jq -c '{title, status, placement}'
call PUT "$cards/$clubs/schedule" "$facilitator" '{"slotId":"noon","spaceId":"hall"}' | jq -c '{title, status, placement}'

step "Final board (as Ana sees it)"
call GET "/api/meetings/$meeting_id/boards/$board_id" "$ana" \
  | jq '{version, state, cards: [.cards[] | {title, author: .authorName, dots, interested, status, placement}] | sort_by(-.dots), grid: {slots: [.grid.slots[].label], spaces: [.grid.spaces[].name]}, myDots: {remaining: .myDots.remaining}}'
