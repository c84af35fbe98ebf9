# Resolves an npm-style semver range against a list of versions.
# Input: an array of version strings. Arg: $range. Output: the highest
# matching release version (prereleases are never chosen), or null.
# (Or an object: see the end.)
# Supported: "", "*", "x", "latest", exact "1.2.3", partial "1" "1.2",
# wildcards "1.x" "1.2.*", "^", "~", ">", ">=", "<", "<=", "=",
# hyphen ranges "1.2 - 2", space-joined AND sets and "||" alternatives.
# Unparseable input is an error (the caller shows it to the user).

def parts:                       # "1.x" -> [1]; "1.2.3" -> [1,2,3]; "*" -> []
  ltrimstr("v") | ltrimstr("V")
  | if test("^([0-9]+|[xX*])(\\.([0-9]+|[xX*])){0,2}$") | not
    then error("not a version: \"\(.)\"") else . end
  | [split(".")[] | select(test("^[0-9]+$")) | tonumber] as $nums
  | (split(".") | map(test("^[0-9]+$")) | index(false)) as $wild
  | if $wild == null then $nums else $nums[0:$wild] end;

def pad: . + [0,0,0] | .[0:3];
def bump($i): .[0:$i+1] | .[$i] += 1 | pad;     # [1,2] bump(1) -> [1,3,0]

# One comparator ("^1.2", ">=18", "20.x") -> list of [op, [a,b,c]].
def comparator:
  capture("^(?<op>\\^|~>?|>=|<=|>|<|=)?(?<v>.*)$") as $c
  | ($c.v | parts) as $p | ($p | length) as $n
  | if $n == 0 then
      (if $c.op == "<" then [["<", [0,0,0]]] else [] end)          # "<*" matches nothing
    elif ($c.op // "=") == "=" then
      if $n == 3 then [["=", $p]] else [[">=", ($p|pad)], ["<", ($p|bump($n-1))]] end
    elif $c.op == "^" then
      ($p|pad) as $v
      | (if $v[0] > 0 or $n == 1 then 0
         elif $v[1] > 0 or $n == 2 then 1
         else 2 end) as $i
      | [[">=", $v], ["<", ($p|pad|bump($i))]]
    elif ($c.op | startswith("~")) then
      [[">=", ($p|pad)], ["<", ($p|bump(if $n == 1 then 0 else 1 end))]]
    elif $c.op == ">" then
      if $n == 3 then [[">", $p]] else [[">=", ($p|bump($n-1))]] end
    elif $c.op == ">=" then [[">=", ($p|pad)]]
    elif $c.op == "<" then [["<", ($p|pad)]]
    elif $c.op == "<=" then
      if $n == 3 then [["<=", $p]] else [["<", ($p|bump($n-1))]] end
    else error("unknown operator \($c.op)") end;

# One "||" alternative -> list of constraints (all must hold).
def alternative:
  gsub("^\\s+|\\s+$"; "")
  | if test("^[^ ]+ +- +[^ ]+$") then                       # hyphen range
      capture("^(?<a>[^ ]+) +- +(?<b>[^ ]+)$")
      | (.a | parts | pad) as $lo | (.b | parts) as $hi
      | [[">=", $lo]] + (if ($hi|length) == 3 then [["<=", $hi]]
                         elif ($hi|length) == 0 then []
                         else [["<", ($hi|bump(($hi|length)-1))]] end)
    else
      gsub("(?<o>[<>=^~]+)\\s+"; "\(.o)")                    # ">= 18" -> ">=18"
      | [splits("\\s+") | select(length > 0) | comparator[]]
    end;

def holds($v):
  .[1] as $b
  | if   .[0] == "="  then $v == $b
    elif .[0] == ">=" then $v >= $b
    elif .[0] == ">"  then $v > $b
    elif .[0] == "<=" then $v <= $b
    else $v < $b end;

def resolve($range):
  ($range | gsub("^\\s+|\\s+$"; "")) as $r
  | (if $r == "" or $r == "latest" then [[]]
     else [$r | split("||")[] | alternative] end) as $alts
  | [ .[] | select(test("^[0-9]+\\.[0-9]+\\.[0-9]+$"))
      | (split(".") | map(tonumber)) as $v
      | select(any($alts[]; all(.[]; holds($v))))
      | $v ]
  | max
  | if . == null then null else map(tostring) | join(".") end;

# {version, ranges} asks instead which of the ranges accept the version (one
# run for all the engines.node ranges of npm's releases); bad ranges accept nothing.
if type == "object" then
  .version as $v | [.ranges[] | select(. as $r | try (([$v] | resolve($r)) == $v) catch false)]
else resolve($range) end
