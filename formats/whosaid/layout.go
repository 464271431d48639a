package whosaid

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/spatial/barneshut"
	"gonum.org/v1/gonum/spatial/r2"
)

// Point is a node's place in a layout.
type Point struct{ X, Y float64 }

// LayoutOptions tune Layout; the zero value is the window's.
type LayoutOptions struct {
	// Seed seeds the first places; one seed, one layout.
	Seed uint64
	// Iterations of the force simulation; 0: 150.
	Iterations int
	// Start, when set, holds places of an earlier layout by node id:
	// those nodes start there and the simulation starts cooler, so that a
	// graph recomputed after a few edits keeps its shape.
	Start map[string]Point
	// Theta is the Barnes–Hut opening angle: a cell seen under a smaller
	// angle counts as one mass; 0: 1.
	Theta float64
}

// Layout places the nodes of g by a seeded force-directed simulation
// (Fruchterman and Reingold's forces: nodes repel one another, edges pull
// their ends together, a weak pull to the centre keeps apart pieces in
// view; the repulsion of all pairs approximated by Barnes–Hut, gonum's
// spatial/barneshut, so a step costs n log n). It returns one point per
// node, in g.Nodes order, in a box of about 1000 by 1000 centred on 0.
// The same graph and options give the same points.
//
// Bigger nodes (Count) are pushed harder by the others, so that the hubs
// get room around them; edge weight strengthens the pull by its
// logarithm, so that one heavy edge does not fold the drawing. The
// repulsion of a step runs on every core (each node's sum is its own, so
// the result does not depend on the cores).
func Layout(g Graph, opt LayoutOptions) []Point {
	n := len(g.Nodes)
	pts := make([]Point, n)
	if n == 0 {
		return pts
	}
	iters := opt.Iterations
	if iters <= 0 {
		iters = 150
	}
	theta := opt.Theta
	if theta <= 0 {
		theta = 1
	}
	type spring struct {
		a, b int32
		w    float64
	}
	springs := make([]spring, 0, g.NumEdges())
	for _, e := range g.Edges() {
		if a, b := e.From, e.To; a != b && g.Has(e) {
			springs = append(springs, spring{a, b, 1 + math.Log(float64(max(e.Weight, 1)))})
		}
	}

	// The area is 1000×1000; k is the ideal distance between nodes.
	const side = 1000.0
	k := side / math.Sqrt(float64(n))
	// parts holds pointers into ps, set once: a particle put into the
	// interface by value each step was an allocation per node per step.
	ps := make([]particle, n)
	parts := make([]barneshut.Particle2, n)
	for i := range ps {
		parts[i] = &ps[i]
	}
	pos := make([]r2.Vec, n)
	mass := make([]float64, n)
	started := 0
	for i, nd := range g.Nodes {
		// A node's first place hangs on the seed and its id only, not
		// on its rank: a count that changes moves no other node.
		h := fnv.New64a()
		h.Write([]byte(nd.ID))
		rng := rand.New(rand.NewPCG(opt.Seed, h.Sum64()))
		pos[i] = r2.Vec{X: (rng.Float64() - 0.5) * side, Y: (rng.Float64() - 0.5) * side}
		if p, ok := opt.Start[nd.ID]; ok && !math.IsNaN(p.X) && !math.IsNaN(p.Y) {
			pos[i] = r2.Vec{X: p.X, Y: p.Y}
			started++
		}
		mass[i] = 1 + math.Log1p(float64(nd.Count))/2
	}
	// Repulsion k²/d, times the size of the node pushed: barneshut
	// hands the force function the vector to the other node, or to the
	// centre of a cell of m2 nodes. (Every particle weighs 1 for
	// barneshut, which counts nodes in a cell: gonum 0.17 misplaces the
	// centre of a one-particle cell whose mass is not 1.)
	repel := func(p1, _ barneshut.Particle2, _, m2 float64, v r2.Vec) r2.Vec {
		d2 := v.X*v.X + v.Y*v.Y
		if d2 < 1e-6 {
			return r2.Vec{}
		}
		return r2.Scale(-k*k*p1.(*particle).size*m2/d2, v) // away from the other
	}
	disp := make([]r2.Vec, n)
	temp := side / 10
	if started > n/2 {
		// Most nodes have their place: settle the newcomers, do not
		// shake the rest.
		temp, iters = side/200, min(iters, 40)
	}
	cool := temp / float64(iters+1)
	for it := 0; it < iters; it++ {
		for i := range ps {
			ps[i] = particle{pos[i], mass[i]}
		}
		plane, err := barneshut.NewPlane(parts)
		if err != nil {
			break
		}
		// The repulsion, the most of the work, on every core: each
		// node's force is its own sum, so the result is the same.
		parallel(n, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				disp[i] = plane.ForceOn(parts[i], theta, repel)
				// the pull to the centre, growing with the distance
				disp[i] = r2.Sub(disp[i], r2.Scale(0.05*mass[i]*k/side, pos[i]))
			}
		})
		for _, s := range springs {
			v := r2.Sub(pos[s.b], pos[s.a])
			d := math.Hypot(v.X, v.Y)
			f := r2.Scale(s.w*d/k, v) // d²/k along the unit vector
			disp[s.a] = r2.Add(disp[s.a], f)
			disp[s.b] = r2.Sub(disp[s.b], f)
		}
		for i := range pos {
			d := math.Hypot(disp[i].X, disp[i].Y)
			if d > 0 {
				pos[i] = r2.Add(pos[i], r2.Scale(math.Min(d, temp)/d, disp[i]))
			}
		}
		temp -= cool
	}
	for i, p := range pos {
		pts[i] = Point{p.X, p.Y}
	}
	return pts
}

// particle is a node as barneshut sees it.
type particle struct {
	pos  r2.Vec
	size float64 // how strongly it pushes the others away
}

func (p *particle) Coord2() r2.Vec { return p.pos }
func (p *particle) Mass() float64  { return 1 }

// parallel calls f over [0, n) cut in one piece per core, and waits.
func parallel(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n/256, 1))
	if workers == 1 {
		f(0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
}
